package cn.jiesu.gateway;

import cn.jiesu.redis.RedisMemory;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code redis.memory.used}, {@code redis.memory.max} (bytes) and {@code redis.memory.used.ratio}, read from INFO every
 * {@code interval} (a scrape must not wait on Redis). Alert well before 1: at 1 Redis refuses every write and every
 * channel answers 503 (docs/operations.md "Durability" has the threshold). Held strongly through the timer and the close list.
 */
final class RedisMemoryGauge implements AutoCloseable {
    private final Vertx vertx;
    private final AtomicReference<RedisMemory.Usage> last = new AtomicReference<>(new RedisMemory.Usage(0, 0));
    private final long timer;

    RedisMemoryGauge(Vertx vertx, RedisMemory memory, MeterRegistry registry, Duration interval) {
        this.vertx = vertx;
        Gauge.builder("redis.memory.used", last, r -> r.get().usedBytes()).baseUnit("bytes")
                .description("Memory Redis uses (INFO used_memory)").strongReference(true).register(registry);
        Gauge.builder("redis.memory.max", last, r -> r.get().maxBytes()).baseUnit("bytes")
                .description("Redis maxmemory; 0 when none is set").strongReference(true).register(registry);
        Gauge.builder("redis.memory.used.ratio", last, r -> r.get().ratio())
                .description("used / maxmemory (0 without maxmemory); Redis refuses writes at 1")
                .strongReference(true).register(registry);
        this.timer = vertx.setPeriodic(0, interval.toMillis(), t -> memory.usage().whenComplete((u, e) -> {
            if (e == null) {
                last.set(u);
            }
        }));
    }

    RedisMemory.Usage last() {
        return last.get();
    }

    @Override
    public void close() {
        vertx.cancelTimer(timer);
    }
}
