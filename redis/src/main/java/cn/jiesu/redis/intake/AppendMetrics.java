package cn.jiesu.redis.intake;

import cn.jiesu.core.intake.Channel;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.intake.Urgency;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The meters of {@code RedisAppealStore.append}: {@code intake.appended{channel,result=new|duplicate}},
 * {@code intake.append.latency{channel}}, {@code intake.append.failed{channel,reason}}, and for new appeals
 * {@code intake.appended.tier{urgency}} and {@code intake.triage.review{channel}}. Thread-safe.
 */
final class AppendMetrics {
    private final MeterRegistry registry;
    private final Map<Channel, Counter> appendedNew = new EnumMap<>(Channel.class);
    private final Map<Channel, Counter> appendedDuplicate = new EnumMap<>(Channel.class);
    private final Map<Channel, Timer> latency = new EnumMap<>(Channel.class);
    private final Map<Channel, Counter> review = new EnumMap<>(Channel.class);
    private final Map<Urgency, Counter> byTier = new EnumMap<>(Urgency.class);

    AppendMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Channel c : Channel.values()) {
            appendedNew.put(c, appended(c, "new"));
            appendedDuplicate.put(c, appended(c, "duplicate"));
            latency.put(
                    c,
                    Timer.builder("intake.append.latency")
                            .description(
                                    "Time to append an intake (dedupe, number, stream entry, indexes), successes only")
                            .tag("channel", tag(c))
                            .publishPercentiles(0.5, 0.99)
                            .register(registry));
            review.put(
                    c,
                    Counter.builder("intake.triage.review")
                            .description("New appeals whose tier triage sent to an agent to confirm")
                            .tag("channel", tag(c))
                            .register(registry));
        }
        for (Urgency u : Urgency.values()) {
            byTier.put(
                    u,
                    Counter.builder("intake.appended.tier")
                            .description("New appeals by the urgency tier triage gave them")
                            .tag("urgency", u.name().toLowerCase(Locale.ROOT))
                            .register(registry));
        }
    }

    void succeeded(Intake intake, boolean duplicate, long nanos) {
        (duplicate ? appendedDuplicate : appendedNew).get(intake.channel()).increment();
        latency.get(intake.channel()).record(nanos, TimeUnit.NANOSECONDS);
        if (!duplicate) {
            byTier.get(intake.urgency()).increment();
            if (intake.triage().review()) {
                review.get(intake.channel()).increment();
            }
        }
    }

    void failed(Channel channel, String reason) {
        registry.counter("intake.append.failed", "channel", tag(channel), "reason", reason)
                .increment();
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
