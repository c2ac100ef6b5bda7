package cn.jiesu.ivr.call;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.core.intake.CallDisposition;
import cn.jiesu.ivr.ami.AmiFrame;
import cn.jiesu.ivr.ami.RawEventTranslator;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Reconciling the tracker with CoreShowChannels after a gap")
class CallReconcileTest {

    @Test
    @DisplayName("A call connected to an agent that vanished in a gap is closed once as ANSWERED, unseen to its end")
    void connectedCallGoneInGap() {
        TrackerHarness h = new TrackerHarness();
        List<CallEvent> events = CaptureCalls.events("lab-queue-answered.raw", h.clock);
        h.apply(until(events, CallEvent.AgentConnected.class));
        gap(h, 7, List.of());
        assertThat(h.intakes).singleElement().satisfies(i -> {
            assertThat(i.call().disposition()).isEqualTo(CallDisposition.ANSWERED);
            assertThat(i.call().agent()).isEqualTo("8001");
            assertThat(i.call().hangupCause()).isNull();
            assertThat(i.callbackRequested()).isFalse();
        });
        h.apply(events);
        h.settle();
        assertThat(h.intakes).as("the late Hangups do not append it again").hasSize(1);
        assertThat(h.counter("calls.reconciled", "action", "closed")).isEqualTo(1);
    }

    @Test
    @DisplayName("A caller still waiting in the queue when the gap began is closed as LOST, to be called back")
    void queuedCallGoneInGap() {
        TrackerHarness h = new TrackerHarness();
        List<CallEvent> events = CaptureCalls.events("lab-queue-answered.raw", h.clock);
        h.apply(until(events, CallEvent.QueueJoined.class));
        gap(h, 3, List.of());
        assertThat(h.intakes).singleElement().satisfies(i -> {
            assertThat(i.call().disposition()).isEqualTo(CallDisposition.LOST);
            assertThat(i.callbackRequested()).isTrue();
            assertThat(i.callbackNumber()).isEqualTo("13600136001");
            assertThat(i.call().queue()).isEqualTo("general");
        });
    }

    @Test
    @DisplayName("A call seen after the reconcile mark is alive even if the listing (taken earlier) misses it")
    void callSeenAfterMarkIsKept() {
        TrackerHarness h = new TrackerHarness();
        List<CallEvent> events = CaptureCalls.events("lab-queue-answered.raw", h.clock);
        List<CallEvent> head = until(events, CallEvent.QueueJoined.class);
        h.apply(head.subList(0, head.size() - 1));
        h.tracker.apply(new CallEvent.ReconcileMark(h.clock.instant(), 4, "reconnect"));
        h.apply(List.of(head.getLast()));
        h.tracker.apply(new CallEvent.ChannelsListed(h.clock.instant(), 4, List.of()));
        h.settle();
        assertThat(h.intakes).isEmpty();
        assertThat(h.tracker.board().calls()).hasSize(1);
    }

    @Test
    @DisplayName("A listing older than the latest mark is ignored")
    void staleListingIgnored() {
        TrackerHarness h = new TrackerHarness();
        List<CallEvent> events = CaptureCalls.events("lab-queue-answered.raw", h.clock);
        h.apply(until(events, CallEvent.QueueJoined.class));
        h.tracker.apply(new CallEvent.ReconcileMark(h.clock.instant(), 5, "reconnect"));
        h.tracker.apply(new CallEvent.ReconcileMark(h.clock.instant(), 6, "reconnect"));
        h.tracker.apply(new CallEvent.ChannelsListed(h.clock.instant(), 5, List.of()));
        h.settle();
        assertThat(h.intakes).isEmpty();
    }

    @Test
    @DisplayName("A call that started during the gap is adopted from the listing, shown connected, and ends ANSWERED")
    void callStartedInGapIsAdopted() {
        TrackerHarness h = new TrackerHarness();
        List<AmiFrame> frames = CaptureCalls.frames("lab-queue-listed.raw");
        RawEventTranslator t = new RawEventTranslator(h.clock);
        List<ListedChannel> listing =
                frames.stream().map(t::listed).filter(Objects::nonNull).toList();
        assertThat(listing).hasSize(4);
        int listed = lastIndexOf(frames, "CoreShowChannelsComplete");
        List<CallEvent> after = new ArrayList<>();
        frames.subList(listed + 1, frames.size()).stream()
                .map(t::translate)
                .filter(Objects::nonNull)
                .forEach(after::add);

        gap(h, 9, listing);
        assertThat(h.tracker.board().calls()).singleElement().satisfies(c -> {
            assertThat(c.linkedid()).isEqualTo("1795850111.10");
            assertThat(c.state()).isEqualTo(CallState.CONNECTED);
            assertThat(c.agent()).isEqualTo("8002");
            assertThat(c.queue()).isEqualTo("general");
            assertThat(c.ivrChoices()).containsExactly("lang:1", "menu:2");
        });
        assertThat(h.counter("calls.reconciled", "action", "adopted")).isEqualTo(1);
        h.apply(after);
        h.settle();
        assertThat(h.intakes).singleElement().satisfies(i -> {
            assertThat(i.call().disposition()).isEqualTo(CallDisposition.ANSWERED);
            assertThat(i.call().agent()).isEqualTo("8002");
            assertThat(i.call().hangupCause()).isEqualTo(16);
            assertThat(i.citizen().callerNumber()).isEqualTo("13600136001");
        });
    }

    private static void gap(TrackerHarness h, long token, List<ListedChannel> listing) {
        h.tracker.apply(new CallEvent.ReconcileMark(h.clock.instant(), token, "reconnect"));
        h.tracker.apply(new CallEvent.ChannelsListed(h.clock.instant(), token, listing));
        h.settle();
    }

    private static List<CallEvent> until(List<CallEvent> events, Class<?> kind) {
        for (int i = 0; i < events.size(); i++) {
            if (kind.isInstance(events.get(i))) {
                return events.subList(0, i + 1);
            }
        }
        throw new AssertionError("no " + kind.getSimpleName());
    }

    private static int lastIndexOf(List<AmiFrame> frames, String event) {
        for (int i = frames.size() - 1; i >= 0; i--) {
            if (event.equals(frames.get(i).event())) {
                return i;
            }
        }
        throw new AssertionError("no " + event);
    }
}
