package cn.jiesu.redis;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.SetArgs;
import java.util.concurrent.CompletionStage;

/**
 * Redis's memory against its {@code maxmemory}, and whether it takes writes now: the memory alarm and the readiness
 * probe. With {@code maxmemory-policy noeviction} a full Redis refuses every write (OOM) while PING still answers,
 * so only a write tells that the intake can take appeals (issue 12: {@code /health} said UP while every channel
 * answered 503). Thread-safe; every call is one command on the shared connection.
 */
public final class RedisMemory {
    private final RedisClients redis;
    private final String probeKey;

    public RedisMemory(RedisClients redis, String keyPrefix) {
        this.redis = redis;
        this.probeKey = keyPrefix + "health:write-probe";
    }

    /** Memory in use and the limit ({@code maxBytes} 0: no maxmemory set). */
    public record Usage(long usedBytes, long maxBytes) {
        /** used / max, or 0 when there is no limit (nothing to alarm on; start-up warns instead). */
        public double ratio() {
            return maxBytes <= 0 ? 0 : (double) usedBytes / maxBytes;
        }
    }

    /** Whether Redis took a write, and when not why: its error code (OOM, READONLY …), timeout or unavailable. */
    public record Writable(boolean ok, String error) {}

    public CompletionStage<Usage> usage() {
        return redis.shared().async().info("memory").thenApply(RedisMemory::parse);
    }

    /** One small SET with a short expiry: refused like every other write when Redis is full or read-only. */
    public CompletionStage<Writable> writable() {
        return redis.shared()
                .async()
                .set(probeKey, "1", SetArgs.Builder.px(30_000))
                .thenApply(ok -> new Writable(true, null))
                .exceptionally(e -> new Writable(false, errorCode(e)));
    }

    static Usage parse(String info) {
        long used = 0;
        long max = 0;
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("used_memory:")) {
                used = Long.parseLong(line.substring("used_memory:".length()).strip());
            } else if (line.startsWith("maxmemory:")) {
                max = Long.parseLong(line.substring("maxmemory:".length()).strip());
            }
        }
        return new Usage(used, max);
    }

    /**
     * A Redis error reply's code (OOM, READONLY, MISCONF, NOAUTH …); {@code timeout} or {@code unavailable} when no
     * reply came (a client's message, "Currently not connected…", is not a code).
     */
    static String errorCode(Throwable e) {
        Throwable c = StoreFailures.unwrap(e);
        if (c instanceof RedisCommandExecutionException reply) {
            return StoreFailures.errorCode(reply);
        }
        return c instanceof RedisCommandTimeoutException ? "timeout" : "unavailable";
    }
}
