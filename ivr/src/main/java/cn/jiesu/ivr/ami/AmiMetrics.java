package cn.jiesu.ivr.ami;

import cn.jiesu.ivr.call.CallEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The AMI connector's meters. {@code ami.events.received} is tagged by a fixed set of event types (the
 * {@link CallEvent} kinds), never by anything from the wire. Thread-safe.
 */
final class AmiMetrics {
    private final Map<Class<?>, Counter> received = new HashMap<>();
    private final Counter receivedOther;
    private final Counter droppedByLibrary;
    private final Counter droppedByQueue;
    private final Counter gaps;
    private final Timer gapDuration;
    private final Counter reconnects;
    private final Map<OriginateOutcome, Counter> originates = new HashMap<>();
    private final Counter listed;
    private final Counter listFailed;

    AmiMetrics(MeterRegistry registry, Supplier<AmiState> state, Collection<?> queue) {
        for (Class<?> kind : CallEvent.class.getPermittedSubclasses()) {
            register(registry, kind);
        }
        receivedOther = registry.counter("ami.events.received", "type", "other");
        droppedByLibrary = registry.counter("ami.events.dropped", "stage", "asterisk-java");
        droppedByQueue = registry.counter("ami.events.dropped", "stage", "queue");
        gaps = registry.counter("ami.gaps");
        gapDuration = Timer.builder("ami.gap.duration")
                .description("How long AMI was down, from the lost connection to the next login")
                .serviceLevelObjectives(
                        java.time.Duration.ofSeconds(1),
                        java.time.Duration.ofSeconds(5),
                        java.time.Duration.ofSeconds(15),
                        java.time.Duration.ofSeconds(60),
                        java.time.Duration.ofMinutes(5),
                        java.time.Duration.ofMinutes(15),
                        java.time.Duration.ofHours(1))
                .register(registry);
        reconnects = registry.counter("ami.reconnects");
        // Strong references: a gauge holds its object weakly, and the connector hands over a lambda that nothing
        // else keeps, so after a garbage collection ami.connection.up read NaN while /health said AMI was up.
        Gauge.builder("ami.connection.up", state, s -> s.get() == AmiState.UP ? 1 : 0)
                .strongReference(true)
                .register(registry);
        Gauge.builder("ami.event.queue.depth", queue, Collection::size)
                .strongReference(true)
                .register(registry);
        for (OriginateOutcome o : OriginateOutcome.values()) {
            originates.put(
                    o, registry.counter("ami.originate", "outcome", o.name().toLowerCase()));
        }
        // A failing listing leaves the tracker unreconciled and agent-first callbacks idle (no free agents are
        // known): an operator alerts on result=failed growing while result=listed does not.
        listed = Counter.builder("ami.reconcile")
                .tag("result", "listed")
                .description("Reconcile listings (QueueStatus + CoreShowChannels) by result")
                .register(registry);
        listFailed = Counter.builder("ami.reconcile")
                .tag("result", "failed")
                .description("Reconcile listings (QueueStatus + CoreShowChannels) by result")
                .register(registry);
    }

    private void register(MeterRegistry registry, Class<?> kind) {
        if (kind.isInterface()) {
            for (Class<?> sub : kind.getPermittedSubclasses()) {
                register(registry, sub);
            }
            return;
        }
        received.put(kind, registry.counter("ami.events.received", "type", kebab(kind.getSimpleName())));
    }

    void received(CallEvent e) {
        received.getOrDefault(e.getClass(), receivedOther).increment();
    }

    void dropped(String cause, long n) {
        (AmiGap.DROPPED_BY_ASTERISK_JAVA.equals(cause) ? droppedByLibrary : droppedByQueue).increment(n);
    }

    long droppedTotal() {
        return (long) (droppedByLibrary.count() + droppedByQueue.count());
    }

    long receivedTotal() {
        double sum = receivedOther.count();
        for (Counter c : received.values()) {
            sum += c.count();
        }
        return (long) sum;
    }

    void gap(Duration d) {
        gaps.increment();
        gapDuration.record(d);
    }

    long gaps() {
        return (long) gaps.count();
    }

    void reconnected() {
        reconnects.increment();
    }

    void reconciled(boolean ok) {
        (ok ? listed : listFailed).increment();
    }

    void originated(OriginateOutcome outcome) {
        originates.get(outcome).increment();
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase();
    }
}
