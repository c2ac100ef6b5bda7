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
    /** The Beijing 12345 service level: a queue call counts as answered in time within this many seconds. */
    static final int SERVICE_LEVEL_S = 15;

    private final MeterRegistry registry;
    private final TrackerSettings settings;

    CallMetrics(
            MeterRegistry registry,
            TrackerSettings settings,
            Supplier<CallBoard> board,
            Supplier<Map<String, Integer>> agentStates,
            Clock clock) {
        this.registry = registry;
        this.settings = settings;
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
            answered(queue, true);
            answered(queue, false);
            abandoned(queue);
            answerWait(queue);
        }
        for (String state : QueueMembers.AGENT_STATES) {
            Gauge.builder("queue.agents", agentStates, s -> s.get().getOrDefault(state, 0))
                    .tag("state", state)
                    .description("Queue agents by state as Asterisk sees them (each agent once)")
                    .strongReference(true)
                    .register(registry);
        }
    }

    private Counter answered(String queue, boolean inTime) {
        return Counter.builder("queue.answered")
                .description(
                        "Queue calls an agent answered, by whether within " + SERVICE_LEVEL_S + " s (service level)")
                .tag("queue", queue)
                .tag("within_sl", String.valueOf(inTime))
                .register(registry);
    }

    private Counter abandoned(String queue) {
        return Counter.builder("queue.abandoned")
                .description("Queue callers who hung up while waiting")
                .tag("queue", queue)
                .register(registry);
    }

    private io.micrometer.core.instrument.Timer answerWait(String queue) {
        return io.micrometer.core.instrument.Timer.builder("queue.answer.wait")
                .description("How long answered queue callers waited for an agent (AgentConnect's HoldTime)")
                .tag("queue", queue)
                // Buckets (aggregatable over instances) with the 15-second service level among them.
                .serviceLevelObjectives(
                        java.time.Duration.ofSeconds(5),
                        java.time.Duration.ofSeconds(10),
                        java.time.Duration.ofSeconds(15),
                        java.time.Duration.ofSeconds(20),
                        java.time.Duration.ofSeconds(30),
                        java.time.Duration.ofSeconds(60),
                        java.time.Duration.ofSeconds(120),
                        java.time.Duration.ofSeconds(300),
                        java.time.Duration.ofSeconds(600))
                .register(registry);
    }

    /** The IVR's name of an Asterisk queue when it is a configured queue, else {@code other} (bounded tags). */
    private String queueTag(String asteriskQueue) {
        String q = settings.queueName(asteriskQueue);
        return q != null && settings.queues().contains(q) ? q : "other";
    }

    /** A queue call answered after waiting {@code holdTimeS}; once per call. */
    void answered(String asteriskQueue, int holdTimeS) {
        String q = queueTag(asteriskQueue);
        int wait = Math.max(0, holdTimeS);
        answered(q, wait <= SERVICE_LEVEL_S).increment();
        answerWait(q).record(wait, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** A queue caller hung up while waiting; once per call. */
    void abandoned(String asteriskQueue, int holdTimeS) {
        abandoned(queueTag(asteriskQueue)).increment();
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
