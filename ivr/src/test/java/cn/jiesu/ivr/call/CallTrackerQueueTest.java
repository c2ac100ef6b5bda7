package cn.jiesu.ivr.call;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.core.intake.CallDisposition;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.intake.RequestType;
import cn.jiesu.core.intake.Urgency;
import cn.jiesu.testkit.Gc;
import io.micrometer.core.instrument.Gauge;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Call tracker on lab recordings with the IVR's variables, queues and agents")
class CallTrackerQueueTest {

    @Test
    @DisplayName("A queued call answered by agent 8001 becomes one ANSWERED appeal with the IVR's choices")
    void answeredQueueCall() {
        TrackerHarness h = new TrackerHarness();
        List<CallEvent> events = CaptureCalls.events("lab-queue-answered.raw", h.clock);
        h.apply(events);
        h.settle();

        Intake intake = assertThat(h.intakes).singleElement().actual();
        assertThat(intake.channelMessageId()).isEqualTo("1795850057.0");
        assertThat(intake.citizen().callerNumber()).isEqualTo("13600136001");
        assertThat(intake.requestType()).isEqualTo(RequestType.COMPLAINT);
        assertThat(intake.urgency()).isEqualTo(Urgency.IMMEDIATE);
        assertThat(intake.dueAt()).isEqualTo(intake.receivedAt().plus(Duration.ofHours(24)));
        assertThat(intake.callbackRequested()).isFalse();
        assertThat(intake.call().disposition()).isEqualTo(CallDisposition.ANSWERED);
        assertThat(intake.call().agent()).isEqualTo("8001");
        assertThat(intake.call().queue()).isEqualTo("general");
        assertThat(intake.call().language()).isEqualTo("zh");
        assertThat(intake.call().ivrPath()).containsExactly("lang:1", "menu:2");
        assertThat(intake.call().hangupCause()).isEqualTo(16);
        // timed by Asterisk's Timestamp (timestampevents = yes): entered 07:14:17.31, last hangup 07:14:22.86
        assertThat(intake.receivedAt())
                .isBetween(Instant.parse("2026-11-28T07:14:17Z"), Instant.parse("2026-11-28T07:14:18Z"));
        assertThat(intake.call().durationS()).isEqualTo(5);
    }

    @Test
    @DisplayName("The agent listener hears 'offered to 8001' once, then 'connected to 8001' once")
    void agentListenerIsToldOncePerKind() {
        TrackerHarness h = new TrackerHarness();
        List<CallEvent> events = CaptureCalls.events("lab-queue-answered.raw", h.clock);
        h.apply(CaptureCalls.duplicated(events, 3));
        assertThat(h.agentCalls)
                .extracting(a -> a.kind() + " " + a.agent())
                .containsExactly("OFFERED 8001", "CONNECTED 8001");
        AgentCall connected = h.agentCalls.get(1);
        assertThat(connected.call().callerNumber()).isEqualTo("13600136001");
        assertThat(connected.call().queue()).isEqualTo("general");
        assertThat(connected.call().ivrChoices()).containsExactly("lang:1", "menu:2");
        assertThat(connected.call().state()).isEqualTo(CallState.CONNECTED);
    }

    @Test
    @DisplayName("Every gauge of the tracker still reads after a garbage collection that cleared a weakly held one")
    void gaugesSurviveGarbageCollection() {
        TrackerHarness h = new TrackerHarness();
        List<Gauge> gauges = h.registry.getMeters().stream()
                .filter(Gauge.class::isInstance)
                .map(Gauge.class::cast)
                .toList();
        assertThat(gauges)
                .extracting(g -> g.getId().getName())
                .contains("calls.active", "calls.in.ivr", "queue.waiting", "queue.longest.wait.seconds");
        // The control: a gauge on an object nothing else keeps, held weakly as Micrometer does unless told
        // otherwise, made just after the tracker's. If the collection below left it readable, it proved nothing.
        Gauge control =
                Gauge.builder("control.weakly.held", new Object(), o -> 1).register(h.registry);
        assertThat(control.value()).isEqualTo(1);

        Gc.clearWeakReferences();

        assertThat(control.value())
                .as("a weakly held gauge after the collection")
                .isNaN();
        assertThat(gauges)
                .allSatisfy(g -> assertThat(g.value()).as(g.getId().toString()).isZero());
    }

    @Test
    @DisplayName("The board shows the caller waiting in 'general' until the agent answers")
    void boardShowsQueueWaiting() {
        TrackerHarness h = new TrackerHarness();
        List<CallEvent> events = CaptureCalls.events("lab-queue-answered.raw", h.clock);
        int offered = indexOf(events, CallEvent.AgentOffered.class);
        h.apply(events.subList(0, offered + 1));
        CallBoard board = h.tracker.board();
        assertThat(board.calls()).singleElement().satisfies(c -> {
            assertThat(c.state()).isEqualTo(CallState.OFFERED);
            assertThat(c.queue()).isEqualTo("general");
            assertThat(c.waitingSince()).isEqualTo(Instant.parse("2026-11-28T07:14:17.323902Z"));
            assertThat(c.agent()).isEqualTo("8001");
        });
        assertThat(board.queues().get("general").waiting()).isEqualTo(1);
        assertThat(board.queues().get("priority").waiting()).isZero();
        assertThat(h.registry
                        .get("queue.waiting")
                        .tag("queue", "general")
                        .gauge()
                        .value())
                .isEqualTo(1);
        assertThat(h.registry.get("calls.active").gauge().value()).isEqualTo(1);

        h.apply(events.subList(offered + 1, events.size()));
        assertThat(h.tracker.board().queues().get("general").waiting()).isZero();
    }

    @Test
    @DisplayName("Any interleaving of the queued call's channels, with duplicates, gives the same ANSWERED appeal")
    void reorderedQueueCall() {
        TrackerHarness reference = new TrackerHarness();
        List<CallEvent> events = CaptureCalls.events("lab-queue-answered.raw", reference.clock);
        reference.apply(events);
        reference.settle();
        for (long seed = 1; seed <= 100; seed++) {
            TrackerHarness h = new TrackerHarness();
            h.apply(CaptureCalls.duplicated(CaptureCalls.interleave(events, seed), seed));
            h.settle();
            assertThat(h.intakes)
                    .as("seed %d", seed)
                    .singleElement()
                    .usingRecursiveComparison()
                    .ignoringFields("intakeId")
                    .isEqualTo(reference.intakes.getFirst());
        }
    }

    @Test
    @DisplayName("A caller who hangs up mid-menu becomes an ABANDONED_IVR appeal to call back, with the path so far")
    void midMenuHangup() {
        TrackerHarness h = new TrackerHarness();
        h.apply(CaptureCalls.events("lab-midmenu-hangup.raw", h.clock));
        h.settle();
        assertThat(h.intakes).singleElement().satisfies(i -> {
            assertThat(i.call().disposition()).isEqualTo(CallDisposition.ABANDONED_IVR);
            assertThat(i.callbackRequested()).isTrue();
            assertThat(i.callbackNumber()).isEqualTo("13500135002");
            assertThat(i.citizen().callerNumber()).isEqualTo("13500135002");
            assertThat(i.call().ivrPath()).containsExactly("lang:1");
            assertThat(i.call().queue()).isNull();
        });
    }

    @Test
    @DisplayName("Our own Originates (ChannelId jiesu-ob-...) never become inbound appeals")
    void outboundIsIgnored() {
        TrackerHarness h = new TrackerHarness();
        h.apply(CaptureCalls.events("lab-originate-channelid.raw", h.clock));
        h.settle();
        assertThat(h.intakes).isEmpty();
    }

    private static int indexOf(List<CallEvent> events, Class<?> kind) {
        for (int i = 0; i < events.size(); i++) {
            if (kind.isInstance(events.get(i))) {
                return i;
            }
        }
        throw new AssertionError("no " + kind.getSimpleName());
    }
}
