package cn.jiesu.ivr.ami;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.ivr.call.CallEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.asteriskjava.manager.event.VarSetEvent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Hand-off from Asterisk-Java's dispatch thread to the bounded queue")
class EventHandoffTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Clock clock = Clock.systemUTC();

    @Test
    @DisplayName("An event Asterisk-Java never delivers leaves a hole in the tap's numbers: counted, gap, reconcile")
    void holeInSequenceIsALoss() {
        BlockingQueue<CallEvent> queue = new ArrayBlockingQueue<>(10_000);
        GapLog gaps = gapLog();
        EventRing ring = new EventRing();
        EventHandoff handoff = handoff(ring, queue, gaps);
        int[] varSets = {0};
        // a listener between Asterisk-Java and the hand-off that swallows one VarSet, like an overflowing pump
        AsteriskJavaReplay.replay(new ByteArrayInputStream(Fragments.fixture("lab-queue-answered.raw")), ring, e -> {
            if (e instanceof VarSetEvent v && v.getVariable().equals("JIESU_PATH") && varSets[0]++ == 0) {
                return;
            }
            handoff.onManagerEvent(e);
        });
        assertThat(registry.get("ami.events.dropped")
                        .tag("stage", "asterisk-java")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(gaps.recent()).singleElement().satisfies(g -> {
            assertThat(g.cause()).isEqualTo(AmiGap.DROPPED_BY_ASTERISK_JAVA);
            assertThat(g.lostEvents()).isEqualTo(1);
        });
        List<CallEvent> events = new ArrayList<>(queue);
        assertThat(events)
                .filteredOn(e ->
                        e instanceof CallEvent.ReconcileMark m && m.cause().equals(AmiGap.DROPPED_BY_ASTERISK_JAVA))
                .hasSize(1);
        assertThat(events)
                .filteredOn(
                        e -> e instanceof CallEvent.VariableSet v && v.name().equals("JIESU_PATH"))
                .isEmpty();
    }

    @Test
    @DisplayName("A full queue never blocks the reader: the event is dropped, counted, and a reconcile follows")
    void fullQueueDropsAndMarks() {
        BlockingQueue<CallEvent> queue = new ArrayBlockingQueue<>(16);
        GapLog gaps = gapLog();
        EventRing ring = new EventRing();
        EventHandoff handoff = handoff(ring, queue, gaps);
        List<CallEvent> consumed = new ArrayList<>();
        AsteriskJavaReplay.replay(new ByteArrayInputStream(Fragments.fixture("lab-queue-answered.raw")), ring, e -> {
            handoff.onManagerEvent(e);
            // the consumer stalls until the queue has overflowed, then catches up
            if (registry.get("ami.events.dropped")
                            .tag("stage", "queue")
                            .counter()
                            .count()
                    > 0) {
                queue.drainTo(consumed);
            }
        });
        queue.drainTo(consumed);
        double dropped = registry.get("ami.events.dropped")
                .tag("stage", "queue")
                .counter()
                .count();
        assertThat(dropped).isPositive();
        assertThat(consumed)
                .filteredOn(
                        e -> e instanceof CallEvent.ReconcileMark m && m.cause().equals(AmiGap.EVENT_QUEUE_FULL))
                .hasSize(1);
        assertThat(gaps.recent())
                .singleElement()
                .satisfies(g -> assertThat(g.lostEvents()).isEqualTo((long) dropped));
    }

    @Test
    @DisplayName("Without losses nothing is counted as dropped and no reconcile is asked for")
    void noLossNoMark() {
        BlockingQueue<CallEvent> queue = new ArrayBlockingQueue<>(10_000);
        GapLog gaps = gapLog();
        EventRing ring = new EventRing();
        EventHandoff handoff = handoff(ring, queue, gaps);
        AsteriskJavaReplay.replay(new ByteArrayInputStream(Fragments.fixture("lab-queue-listed.raw")), ring, handoff);
        assertThat(gaps.recent()).isEmpty();
        assertThat(queue).noneMatch(e -> e instanceof CallEvent.ReconcileMark);
        assertThat(registry.get("ami.events.received")
                        .tag("type", "queue-joined")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("ami.events.received")
                        .tag("type", "variable-set")
                        .counter()
                        .count())
                .isPositive();
    }

    private GapLog gapLog() {
        return new GapLog(clock, metrics(), new AtomicLong());
    }

    private AmiMetrics metrics;

    private AmiMetrics metrics() {
        if (metrics == null) {
            metrics = new AmiMetrics(registry, () -> AmiState.UP, List.of());
        }
        return metrics;
    }

    private EventHandoff handoff(EventRing ring, BlockingQueue<CallEvent> queue, GapLog gaps) {
        return new EventHandoff(ring, new ManagerEventTranslator(clock), queue, metrics(), gaps);
    }
}
