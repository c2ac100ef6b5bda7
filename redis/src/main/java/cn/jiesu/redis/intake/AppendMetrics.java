package cn.jiesu.redis.intake;

import cn.jiesu.core.intake.Channel;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.intake.RequestType;
import cn.jiesu.core.intake.Urgency;
import cn.jiesu.redis.StoreFailures;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The meters of {@code RedisAppealStore.append}: {@code intake.appended{channel,result=new|duplicate}},
 * {@code intake.append.latency{channel}}, {@code intake.append.failed{channel,reason}}, and for new appeals
 * {@code intake.appended.tier{urgency}}, {@code intake.appended.category{category}} and
 * {@code intake.triage.review{channel}}. Thread-safe.
 */
final class AppendMetrics {
    private final MeterRegistry registry;
    private final Map<Channel, Counter> appendedNew = new EnumMap<>(Channel.class);
    private final Map<Channel, Counter> appendedDuplicate = new EnumMap<>(Channel.class);
    private final Map<Channel, Timer> latency = new EnumMap<>(Channel.class);
    private final Map<Channel, Counter> review = new EnumMap<>(Channel.class);
    private final Map<Urgency, Counter> byTier = new EnumMap<>(Urgency.class);
    private final Map<RequestType, Counter> byCategory = new EnumMap<>(RequestType.class);

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
                            // Buckets, not per-process percentiles: Prometheus adds them up over instances.
                            .serviceLevelObjectives(
                                    ms(1), ms(2), ms(5), ms(10), ms(25), ms(50), ms(100), ms(250), ms(500), ms(1000),
                                    ms(2500), ms(5000))
                            .register(registry));
            review.put(
                    c,
                    Counter.builder("intake.triage.review")
                            .description("New appeals whose tier triage sent to an agent to confirm")
                            .tag("channel", tag(c))
                            .register(registry));
            // Registered up front, as the other series: an alert on failures needs the series before the first.
            for (String reason : List.of(StoreFailures.TIMEOUT, StoreFailures.DISCONNECTED, StoreFailures.OTHER)) {
                failed(c, reason, 0);
            }
        }
        for (RequestType r : RequestType.values()) {
            byCategory.put(
                    r,
                    Counter.builder("intake.appended.category")
                            .description("New appeals by category (咨询, 求助, 投诉, 举报, 建议, 表扬, 其他)")
                            .tag("category", r.name().toLowerCase(Locale.ROOT))
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
            byCategory.get(intake.requestType()).increment();
            if (intake.triage().review()) {
                review.get(intake.channel()).increment();
            }
        }
    }

    void failed(Channel channel, String reason) {
        failed(channel, reason, 1);
    }

    private void failed(Channel channel, String reason, int n) {
        Counter.builder("intake.append.failed")
                .description("Appends that failed (nothing acknowledged), by why")
                .tag("channel", tag(channel))
                .tag("reason", reason)
                .register(registry)
                .increment(n);
    }

    private Counter appended(Channel c, String result) {
        return Counter.builder("intake.appended")
                .description("Intakes appended, by whether the dedupe key was new")
                .tag("channel", tag(c))
                .tag("result", result)
                .register(registry);
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    private static String tag(Channel c) {
        return c.name().toLowerCase(Locale.ROOT);
    }
}
