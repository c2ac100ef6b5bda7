package cn.jiesu.redis.intake;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The meters of one consumer group: {@code intake.handled{group,result}}, {@code intake.deadlettered{group}} and
 * the gauges {@code intake.stream.pending{group}} and {@code intake.stream.lag{group}} (-1 when Redis cannot tell).
 * If several consumers of one group share a registry, the last one made publishes the gauges. Thread-safe.
 */
final class GroupMeters {
    private final Counter handledOk;
    private final Counter handledFailed;
    private final Counter deadLettered;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong lag = new AtomicLong(-1);

    GroupMeters(MeterRegistry registry, String group) {
        handledOk = handled(registry, group, "ok");
        handledFailed = handled(registry, group, "failed");
        deadLettered = Counter.builder("intake.deadlettered")
                .description("Intake entries moved to the dead-letter stream")
                .tag("group", group)
                .register(registry);
        // A group's consumer replaced in one registry (each term of the hotspot detector starts a new one): the new
        // one's gauges are published, not the stopped one's frozen values.
        for (String name : new String[] {"intake.stream.pending", "intake.stream.lag"}) {
            Gauge old = registry.find(name).tag("group", group).gauge();
            if (old != null) {
                registry.remove(old);
            }
        }
        Gauge.builder("intake.stream.pending", pending, AtomicLong::get)
                .strongReference(true)
                .description("Entries delivered to the group but not acknowledged")
                .tag("group", group)
                .register(registry);
        Gauge.builder("intake.stream.lag", lag, AtomicLong::get)
                .strongReference(true)
                .description("Entries not yet delivered to the group (-1: Redis cannot tell)")
                .tag("group", group)
                .register(registry);
    }

    void handled(boolean ok) {
        (ok ? handledOk : handledFailed).increment();
    }

    void deadLettered() {
        deadLettered.increment();
    }

    void refresh(GroupPosition position) {
        pending.set(position.pending());
        lag.set(position.lag().orElse(-1L));
    }

    private static Counter handled(MeterRegistry registry, String group, String result) {
        return Counter.builder("intake.handled")
                .description("Handler outcomes; a failed entry stays pending for redelivery")
                .tag("group", group)
                .tag("result", result)
                .register(registry);
    }
}
