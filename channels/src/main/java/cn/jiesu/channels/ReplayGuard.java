package cn.jiesu.channels;

import java.time.Duration;
import java.util.Objects;

/**
 * The check the gateway makes in Redis before the append of a signed request, so that a captured request cannot
 * make a second appeal. The adapter cannot make it (it is stateless); it says what to check and how to refuse:
 * the signature nonce is remembered for {@code nonceTtl}, bound to {@code binding}: the parts of the request the
 * signature does not cover but that could make another appeal (the body's sha256, and the Idempotency-Key or its
 * absence). A nonce that comes back bound to anything else is refused with {@code nonceReused}; the very same
 * request again (a retry) passes, and the append's dedupe returns the first appeal.
 *
 * <p>The Idempotency-Key's own check (the key reused for another body) is not part of the guard: it applies to
 * every keyed request, signed or not ({@link ChannelResult.Accepted#keyReused()}).
 *
 * @param client      who signed: an API client's id, or {@link #PUSH} for a platform's push; nonces are per client
 *                    (and per channel)
 * @param nonce       what the signature makes unique: the nonce, or for a push its timestamp and nonce
 * @param binding     what the nonce is bound to (see {@link #binding})
 * @param nonceTtl    how long the nonce must be remembered: as long as its signed timestamp passes the window check,
 *                    i.e. twice the window
 * @param nonceReused the answer when the nonce came before bound to something else
 */
public record ReplayGuard(
        String client, String nonce, String binding, Duration nonceTtl, ChannelResult.Rejected nonceReused) {
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
    public static ReplayGuard of(
            String client,
            String nonce,
            byte[] body,
            String idempotencyKey,
            Duration window,
            ChannelResult.Rejected nonceReused) {
        return new ReplayGuard(client, nonce, binding(body, idempotencyKey), window.multipliedBy(2), nonceReused);
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
