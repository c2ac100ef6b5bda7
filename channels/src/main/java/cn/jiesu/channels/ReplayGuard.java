package cn.jiesu.channels;

import java.time.Duration;
import java.util.Objects;

/**
 * The checks the gateway makes in Redis around the append of a signed request, so that a captured request cannot
 * make a second appeal. The adapter cannot make them (it is stateless); it says what to check and how to refuse:
 * <ul>
 *   <li>Before the append, the signature nonce is remembered for {@code nonceTtl}, bound to {@code binding}: the
 *       parts of the request the signature does not cover but that could make another appeal (the body's sha256,
 *       and the Idempotency-Key or its absence). A nonce that comes back bound to anything else is refused with
 *       {@code nonceReused}; the very same request again (a retry) passes, and the append's dedupe returns the
 *       first appeal.</li>
 *   <li>When the append finds the Idempotency-Key already used, the first appeal's {@code rawSha256} must be this
 *       intake's: a key reused for a different body is a client bug, refused with {@code keyReused} rather than
 *       answered with another request's appeal. Only duplicates pay this read; null when there is no key.</li>
 * </ul>
 *
 * @param client      who signed: an API client's id, or {@link #PUSH} for a platform's push; nonces are per client
 *                    (and per channel)
 * @param nonce       what the signature makes unique: the nonce, or for a push its timestamp and nonce
 * @param binding     what the nonce is bound to (see {@link #binding})
 * @param nonceTtl    how long the nonce must be remembered: as long as its signed timestamp passes the window check,
 *                    i.e. twice the window
 * @param nonceReused the answer when the nonce came before bound to something else
 * @param keyReused   the answer when the Idempotency-Key came before with another body, or null (no key)
 */
public record ReplayGuard(String client, String nonce, String binding, Duration nonceTtl,
                          ChannelResult.Rejected nonceReused, ChannelResult.Rejected keyReused) {
    /** The client of a Weibo or WeChat push: the platform is the only signer. */
    public static final String PUSH = "push";

    public ReplayGuard {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(binding, "binding");
        Objects.requireNonNull(nonceTtl, "nonceTtl");
        Objects.requireNonNull(nonceReused, "nonceReused");
    }

    /**
     * The guard of a request signed with a timestamp window of {@code window}: a timestamp passes from
     * {@code ts - window} to {@code ts + window}, so once seen, a nonce can come back signed and valid for at most
     * twice the window.
     */
    public static ReplayGuard of(String client, String nonce, byte[] body, String idempotencyKey, Duration window,
                                 ChannelResult.Rejected nonceReused, ChannelResult.Rejected keyReused) {
        return new ReplayGuard(client, nonce, binding(body, idempotencyKey), window.multipliedBy(2), nonceReused,
                idempotencyKey == null ? null : keyReused);
    }

    /**
     * {@code sha256hex(body)}, followed by {@code " " + idempotencyKey} when there is one: the hex digest has a fixed
     * length and no space, so "no key" and every key give different bindings.
     */
    public static String binding(byte[] body, String idempotencyKey) {
        String sha = Digests.sha256Hex(body);
        return idempotencyKey == null ? sha : sha + " " + idempotencyKey;
    }
}
