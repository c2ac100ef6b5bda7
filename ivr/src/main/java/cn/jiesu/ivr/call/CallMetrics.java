package cn.jiesu.ivr.call;

import cn.jiesu.core.intake.CallDisposition;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The tracker's meters. Gauges read the published {@link CallBoard}, never the tracker's live state, so a scrape
 * on any thread is safe. Tags are low-cardinality: dispositions and the fixed queue set.
 */
final class CallMetrics {
    private final Map<CallDisposition, Counter> ended = new EnumMap<>(CallDisposition.class);
    private final Counter adopted;
    private final Counter closedByReconcile;
    private final Counter stragglers;

    CallMetrics(MeterRegistry registry, TrackerSettings settings, Supplier<CallBoard> board, Clock clock) {
        for (CallDisposition d : CallDisposition.values()) {
            ended.put(d, registry.counter("calls.ended", "disposition", d.name().toLowerCase()));
        }
        adopted = registry.counter("calls.reconciled", "action", "adopted");
        closedByReconcile = registry.counter("calls.reconciled", "action", "closed");
        stragglers = registry.counter("calls.events.late");
        // Strong references: a gauge holds its object weakly, and the tracker hands over a method reference that
        // nothing else keeps, so after a garbage collection these gauges read NaN.
        Gauge.builder("calls.active", board, b -> b.get().calls().size())
                .strongReference(true)
                .register(registry);
        Gauge.builder("calls.in.ivr", board, b -> b.get().count(CallState.IVR))
                .strongReference(true)
                .register(registry);
        for (String queue : settings.queues()) {
            Gauge.builder("queue.waiting", board, b -> waiting(b.get(), queue))
                    .tag("queue", queue)
                    .strongReference(true)
                    .register(registry);
            Gauge.builder("queue.longest.wait.seconds", board, b -> longest(b.get(), queue, clock))
                    .tag("queue", queue)
                    .strongReference(true)
                    .register(registry);
        }
    }

    private static double waiting(CallBoard board, String queue) {
        QueueWait w = board.queues().get(queue);
        return w == null ? 0 : w.waiting();
    }

    private static double longest(CallBoard board, String queue, Clock clock) {
        QueueWait w = board.queues().get(queue);
        return w == null ? 0 : w.longestWaitSeconds(clock.instant());
    }

    void ended(CallDisposition disposition) {
        ended.get(disposition).increment();
    }

    void adopted() {
        adopted.increment();
    }

    void closedByReconcile() {
        closedByReconcile.increment();
    }

    void straggler() {
        stragglers.increment();
    }
}
