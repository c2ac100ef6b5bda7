package cn.jiesu.channels;

import java.time.Duration;
import java.util.Objects;

/**
 * The checks the gateway makes in Redis around the append of a signed request that carries an
 * {@code Idempotency-Key} (the app API). The adapter cannot make them (it is stateless); it says what to check and
 * how to refuse:
 * <ul>
 *   <li>Before the append, the signature nonce is remembered for {@code nonceTtl}, bound to the key. The key is not
 *       covered by the signature, so a captured request replayed under a fresh key would otherwise make a new
 *       appeal per key; a nonce already bound to another key is refused with {@code nonceReused}. The very same
 *       request again (same nonce, same key) passes, and the append's dedupe returns the first appeal.</li>
 *   <li>When the append finds the key already used, the first appeal's {@code rawSha256} must be this intake's:
 *       a key reused for a different body is a client bug, refused with {@code keyReused} rather than answered
 *       with another request's appeal. Only duplicates pay this read.</li>
 * </ul>
 *
 * @param account        the client id; nonces are per client
 * @param nonce          the verified signature nonce
 * @param idempotencyKey the request's Idempotency-Key
 * @param nonceTtl       how long the nonce must be remembered: as long as its signed timestamp passes the skew check
 * @param nonceReused    the answer when the nonce came before with another key
 * @param keyReused      the answer when the key came before with another body
 */
public record ReplayGuard(String account, String nonce, String idempotencyKey, Duration nonceTtl,
                          ChannelResult.Rejected nonceReused, ChannelResult.Rejected keyReused) {
    public ReplayGuard {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(nonceTtl, "nonceTtl");
        Objects.requireNonNull(nonceReused, "nonceReused");
        Objects.requireNonNull(keyReused, "keyReused");
    }
}
