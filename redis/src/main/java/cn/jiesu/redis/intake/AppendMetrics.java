package cn.jiesu.redis.intake;

import cn.jiesu.core.intake.Channel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The meters of {@code RedisAppealStore.append}: {@code intake.appended{channel,result=new|duplicate}},
 * {@code intake.append.latency{channel}} and {@code intake.append.failed{channel,reason}}. Thread-safe.
 */
final class AppendMetrics {
    private final MeterRegistry registry;
    private final Map<Channel, Counter> appendedNew = new EnumMap<>(Channel.class);
    private final Map<Channel, Counter> appendedDuplicate = new EnumMap<>(Channel.class);
    private final Map<Channel, Timer> latency = new EnumMap<>(Channel.class);

    AppendMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Channel c : Channel.values()) {
            appendedNew.put(c, appended(c, "new"));
            appendedDuplicate.put(c, appended(c, "duplicate"));
            latency.put(c, Timer.builder("intake.append.latency")
                    .description("Time to append an intake (dedupe, number, stream entry, indexes), successes only")
                    .tag("channel", tag(c))
                    .publishPercentiles(0.5, 0.99)
                    .register(registry));
        }
    }

    void succeeded(Channel channel, boolean duplicate, long nanos) {
        (duplicate ? appendedDuplicate : appendedNew).get(channel).increment();
        latency.get(channel).record(nanos, TimeUnit.NANOSECONDS);
    }

    void failed(Channel channel, String reason) {
        registry.counter("intake.append.failed", "channel", tag(channel), "reason", reason).increment();
    }

    private Counter appended(Channel c, String result) {
        return Counter.builder("intake.appended")
                .description("Intakes appended, by whether the dedupe key was new")
                .tag("channel", tag(c))
                .tag("result", result)
                .register(registry);
    }

    private static String tag(Channel c) {
        return c.name().toLowerCase(Locale.ROOT);
    }
}
