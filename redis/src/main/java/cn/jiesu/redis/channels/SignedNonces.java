package cn.jiesu.redis.channels;

import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.StoreFailures;
import io.lettuce.core.SetArgs;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Signature nonces seen recently, per channel and signing client, each bound to the value it first came with (what
 * the signature does not cover: the body's sha256 and the Idempotency-Key, see {@code ReplayGuard}), under
 * {@code <prefix>nonce:<channel>:<client>:<nonce>}. One {@code SET NX PX GET} per claim (Redis 7.0 or later): it
 * writes the binding when the nonce is new and returns the earlier one when not, atomically, in one round trip and
 * without a script. The keys expire on their own after the given time (twice the signature's timestamp window), so
 * memory is bounded by the signed request rate times that time (~200 bytes a key).
 *
 * <p>Thread-safe and non-blocking; failed stages carry an {@link cn.jiesu.core.appeal.AppealStoreException}.
 */
public final class SignedNonces {
    private final RedisClients clients;
    private final ChannelKeys keys;
    private final StoreFailures failures;

    public SignedNonces(RedisClients clients, ChannelKeys keys) {
        this.clients = clients;
        this.keys = keys;
        this.failures = clients.failures();
    }

    /**
     * Binds {@code nonce} of {@code client} on {@code channel} to {@code value} for {@code ttl} unless it is bound
     * already.
     *
     * @return null when this call bound it, else the value it was bound to (which may equal {@code value}: the same
     *     request again)
     */
    public CompletionStage<String> claim(String channel, String client, String nonce, String value, Duration ttl) {
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl: must be positive");
        }
        CompletionStage<String> run;
        try {
            run = clients.shared()
                    .async()
                    .setGet(
                            keys.nonce(channel, client, nonce),
                            value,
                            SetArgs.Builder.nx().px(ttl.toMillis()));
        } catch (RuntimeException e) {
            run = CompletableFuture.failedStage(e);
        }
        return failures.settle(run);
    }
}
