package cn.jiesu.ivr.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Queue service meters: answered within the service level, abandoned, answer wait, agents by state")
class QueueServiceMetersTest {
    private static final String GENERAL = "hotline-general";
    private static final String PRIORITY = "hotline-priority";

    private static ChannelInfo caller(String id) {
        return new ChannelInfo(
                "PJSIP/trunk-" + id,
                id,
                id,
                "ivr-queue",
                "s",
                "1360013600" + id.charAt(id.length() - 1),
                null,
                6,
                null);
    }

    private static List<CallEvent> answered(String id, String queue, int holdTimeS, Instant at) {
        ChannelInfo ch = caller(id);
        return List.of(
                new CallEvent.QueueJoined(at, ch, queue, 1),
                new CallEvent.AgentConnected(
                        at.plusSeconds(holdTimeS),
                        ch,
                        queue,
                        "Local/8001@agent-sim/n",
                        "Local/8001@agent-sim-0001;1",
                        holdTimeS),
                new CallEvent.QueueLeft(at.plusSeconds(holdTimeS), ch, queue));
    }

    private static List<CallEvent> abandoned(String id, String queue, int holdTimeS, Instant at) {
        ChannelInfo ch = caller(id);
        return List.of(
                new CallEvent.QueueJoined(at, ch, queue, 1),
                new CallEvent.QueueAbandoned(at.plusSeconds(holdTimeS), ch, queue, holdTimeS),
                new CallEvent.QueueLeft(at.plusSeconds(holdTimeS), ch, queue));
    }

    @Test
    @DisplayName("each queue call counts once: answered within 15 s or later, abandoned, and its wait")
    void answeredAndAbandoned() {
        TrackerHarness h = new TrackerHarness();
        Instant t = h.clock.instant();
        h.apply(answered("1.1", GENERAL, 4, t));
        h.apply(answered("1.2", GENERAL, 15, t));
        h.apply(answered("1.3", GENERAL, 40, t));
        h.apply(answered("1.3", GENERAL, 40, t)); // replayed events of the same call
        h.apply(answered("1.4", PRIORITY, 2, t));
        h.apply(abandoned("1.5", GENERAL, 30, t));
        h.apply(abandoned("1.5", GENERAL, 30, t));

        assertThat(count(h, "general", "true")).isEqualTo(2);
        assertThat(count(h, "general", "false")).isEqualTo(1);
        assertThat(count(h, "priority", "true")).isEqualTo(1);
        assertThat(h.registry
                        .get("queue.abandoned")
                        .tag("queue", "general")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(h.registry
                        .get("queue.abandoned")
                        .tag("queue", "priority")
                        .counter()
                        .count())
                .isZero();
        var wait = h.registry.get("queue.answer.wait").tag("queue", "general").timer();
        assertThat(wait.count()).isEqualTo(3);
        assertThat(wait.totalTime(TimeUnit.SECONDS)).isEqualTo(59);
    }

    @Test
    @DisplayName("a callback of ours queueing for an agent is not a citizen's queue call")
    void callbacksLeftOut() {
        TrackerHarness h = new TrackerHarness();
        h.apply(answered("jiesu-ob-cb-1", GENERAL, 30, h.clock.instant()));
        assertThat(count(h, "general", "true") + count(h, "general", "false")).isZero();
        assertThat(h.registry
                        .get("queue.answer.wait")
                        .tag("queue", "general")
                        .timer()
                        .count())
                .isZero();
    }

    @Test
    @DisplayName("a queue Asterisk has but the IVR does not name is counted as other, keeping tags bounded")
    void unknownQueue() {
        TrackerHarness h = new TrackerHarness();
        h.apply(answered("2.1", "some-test-queue", 3, h.clock.instant()));
        assertThat(count(h, "other", "true")).isEqualTo(1);
    }

    @Test
    @DisplayName("agents by state as Asterisk sees them, each agent once over all its queues")
    void agentsByState() {
        TrackerHarness h = new TrackerHarness();
        Instant t = h.clock.instant();
        assertThat(agents(h, "ready")).isZero(); // nothing known before the first listing
        h.apply(List.of(
                new CallEvent.ReconcileMark(t, 1, "test"),
                new CallEvent.QueueMembersListed(
                        t,
                        1,
                        Set.of(GENERAL, PRIORITY),
                        List.of(
                                new QueueMember(GENERAL, "Local/8001@agent-sim/n", false, 1, false),
                                new QueueMember(PRIORITY, "Local/8001@agent-sim/n", false, 1, false),
                                new QueueMember(GENERAL, "Local/8002@agent-sim/n", true, 1, false, "break"),
                                new QueueMember(GENERAL, "Local/8003@agent-sim/n", true, 1, false, "wrap-up"),
                                new QueueMember(GENERAL, "Local/8004@agent-sim/n", false, 2, true),
                                // paused in one queue, on a call from the other: on a call
                                new QueueMember(GENERAL, "Local/8005@agent-sim/n", true, 2, false, "break"),
                                new QueueMember(PRIORITY, "Local/8005@agent-sim/n", false, 2, true),
                                new QueueMember(GENERAL, "Local/8006@agent-sim/n", false, 5, false)))));
        assertThat(agents(h, "ready")).isEqualTo(1);
        assertThat(agents(h, "paused")).isEqualTo(1);
        assertThat(agents(h, "wrap_up")).isEqualTo(1);
        assertThat(agents(h, "on_call")).isEqualTo(2);
        assertThat(agents(h, "unavailable")).isEqualTo(1);

        // The console pauses 8001 (QueueMemberPause in both queues): no longer ready.
        h.apply(List.of(
                new CallEvent.QueueMemberChanged(
                        t.plus(Duration.ofSeconds(1)),
                        new QueueMember(GENERAL, "Local/8001@agent-sim/n", true, 1, false, "break")),
                new CallEvent.QueueMemberChanged(
                        t.plus(Duration.ofSeconds(1)),
                        new QueueMember(PRIORITY, "Local/8001@agent-sim/n", true, 1, false, "break"))));
        assertThat(agents(h, "ready")).isZero();
        assertThat(agents(h, "paused")).isEqualTo(2);
    }

    private static double count(TrackerHarness h, String queue, String within) {
        var c = h.registry
                .find("queue.answered")
                .tag("queue", queue)
                .tag("within_sl", within)
                .counter();
        return c == null ? 0 : c.count();
    }

    private static double agents(TrackerHarness h, String state) {
        return h.registry.get("queue.agents").tag("state", state).gauge().value();
    }
}
