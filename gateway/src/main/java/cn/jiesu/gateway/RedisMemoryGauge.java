package cn.jiesu.gateway;

import cn.jiesu.redis.RedisMemory;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code redis.memory.used}, {@code redis.memory.max} (bytes) and {@code redis.memory.used.ratio}, read from INFO by
 * {@link #refresh}, which the composition root runs on a loop (a scrape must not wait on Redis). Alert well before 1:
 * at 1 Redis refuses every write and every channel answers 503 (docs/operations.md "Durability" has the threshold). The gauges
 * hold the last value strongly.
 */
final class RedisMemoryGauge {
    private final RedisMemory memory;
    private final AtomicReference<RedisMemory.Usage> last = new AtomicReference<>(new RedisMemory.Usage(0, 0));

    RedisMemoryGauge(RedisMemory memory, MeterRegistry registry) {
        this.memory = memory;
        Gauge.builder("redis.memory.used", last, r -> r.get().usedBytes())
                .baseUnit("bytes")
                .description("Memory Redis uses (INFO used_memory)")
                .strongReference(true)
                .register(registry);
        Gauge.builder("redis.memory.max", last, r -> r.get().maxBytes())
                .baseUnit("bytes")
                .description("Redis maxmemory; 0 when none is set")
                .strongReference(true)
                .register(registry);
        Gauge.builder("redis.memory.used.ratio", last, r -> r.get().ratio())
                .description("used / maxmemory (0 without maxmemory); Redis refuses writes at 1")
                .strongReference(true)
                .register(registry);
    }

    /** Reads INFO once (blocking, at most 10 s); a failure keeps the last value. */
    void refresh() throws Exception {
        last.set(memory.usage().toCompletableFuture().get(10, TimeUnit.SECONDS));
    }

    RedisMemory.Usage last() {
        return last.get();
    }
}
