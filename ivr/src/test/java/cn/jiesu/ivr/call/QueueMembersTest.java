package cn.jiesu.ivr.call;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.ivr.ami.AmiFrame;
import cn.jiesu.ivr.ami.RawEventTranslator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Free agents per queue, counted by the call tracker from queue member events recorded on the lab. */
class QueueMembersTest {
    private static final Instant T0 = Instant.parse("2026-11-28T09:47:00Z");
    private static final String GENERAL = "hotline-general";
    private static final String PRIORITY = "hotline-priority";

    private final TrackerHarness h = new TrackerHarness();

    private static QueueMember idle(String queue, String agent) {
        return new QueueMember(queue, "Local/" + agent + "@agent-sim/n", false, 1, false);
    }

    private static CallEvent.QueueMembersListed listing(long token, QueueMember... members) {
        return new CallEvent.QueueMembersListed(T0, token, Set.of(GENERAL, PRIORITY), List.of(members));
    }

    private void apply(CallEvent... events) {
        h.apply(List.of(events));
    }

    @Test
    @DisplayName("The lab recording: QueueStatus, pauses, a dynamic member, an agent on a callback, unpause")
    void labRecording() {
        RawEventTranslator t = new RawEventTranslator(h.clock);
        Set<String> queues = new HashSet<>();
        List<QueueMember> listed = new ArrayList<>();
        Map<String, Map<String, Integer>> seen = new LinkedHashMap<>();
        h.tracker.apply(new CallEvent.ReconcileMark(T0, 1, "start"));
        for (AmiFrame f : CaptureCalls.frames("lab-queue-members.raw")) {
            String event = f.event();
            if ("QueueParams".equals(event)) {
                queues.add(f.get("Queue"));
            } else if ("QueueMember".equals(event)) {
                listed.add(t.member(f));
            } else if ("QueueStatusComplete".equals(event)) {
                h.tracker.apply(new CallEvent.QueueMembersListed(T0, 1, queues, listed));
            } else if (event == null && String.valueOf(f.get("ActionID")).startsWith("check-")) {
                seen.put(f.get("ActionID"), h.tracker.freeAgents());
            } else {
                CallEvent e = t.translate(f);
                if (e != null) {
                    h.tracker.apply(e);
                    h.tracker.tick();
                }
            }
        }
        assertThat(seen)
                .containsExactly(
                        Map.entry("check-1", Map.of("general", 5, "priority", 5)),
                        // 8001 paused in hotline-general only (reason: lunch)
                        Map.entry("check-2", Map.of("general", 4, "priority", 5)),
                        // 8002 paused in every queue
                        Map.entry("check-3", Map.of("general", 3, "priority", 4)),
                        // QueueAdd of a dynamic member 8006 to hotline-general
                        Map.entry("check-4", Map.of("general", 4, "priority", 4)),
                        // an agent-first callback: agent 8003 answered from hotline-general, in use in both queues
                        Map.entry("check-5", Map.of("general", 3, "priority", 3)),
                        Map.entry("check-6", Map.of("general", 4, "priority", 4)),
                        // QueueRemove of 8006
                        Map.entry("check-7", Map.of("general", 3, "priority", 4)),
                        Map.entry("check-8", Map.of("general", 5, "priority", 5)));
    }

    @Test
    @DisplayName("Before the first QueueStatus every queue counts no free agent")
    void unknownIsZero() {
        assertThat(h.tracker.freeAgents()).isEqualTo(Map.of("general", 0, "priority", 0));
        apply(new CallEvent.ReconcileMark(T0, 1, "start"), new CallEvent.QueueMemberChanged(T0, idle(GENERAL, "8001")));
        assertThat(h.tracker.freeAgents()).isEqualTo(Map.of("general", 0, "priority", 0));
        apply(listing(1, idle(GENERAL, "8001"), idle(GENERAL, "8002"), idle(PRIORITY, "8001")));
        assertThat(h.tracker.freeAgents()).isEqualTo(Map.of("general", 2, "priority", 1));
    }

    @Test
    @DisplayName("A member event after the reconcile mark wins over the listing, which may be older than it")
    void eventAfterMarkWins() {
        apply(
                new CallEvent.ReconcileMark(T0, 1, "start"),
                listing(1, idle(GENERAL, "8001"), idle(GENERAL, "8002")),
                new CallEvent.ReconcileMark(T0, 2, "periodic"),
                // paused while QueueStatus was being answered; the listing still shows it idle
                new CallEvent.QueueMemberChanged(
                        T0, new QueueMember(GENERAL, "Local/8001@agent-sim/n", true, 1, false)),
                new CallEvent.QueueMemberRemoved(T0, GENERAL, "Local/8002@agent-sim/n"),
                listing(2, idle(GENERAL, "8001"), idle(GENERAL, "8002"), idle(GENERAL, "8003")));
        assertThat(h.tracker.freeAgents()).containsEntry("general", 1); // only 8003, listed and untouched
    }

    @Test
    @DisplayName("A listing drops members it lacks, and a superseded listing changes nothing")
    void listingReplacesAndStaleIgnored() {
        apply(
                new CallEvent.ReconcileMark(T0, 1, "start"),
                listing(1, idle(GENERAL, "8001"), idle(GENERAL, "8002"), idle(GENERAL, "8003")),
                new CallEvent.ReconcileMark(T0, 2, "periodic"),
                new CallEvent.ReconcileMark(T0, 3, "periodic"),
                listing(2, idle(GENERAL, "8001")));
        assertThat(h.tracker.freeAgents()).containsEntry("general", 3);
        apply(listing(3, idle(GENERAL, "8002")));
        assertThat(h.tracker.freeAgents()).containsEntry("general", 1);
    }

    @Test
    @DisplayName("Free means not paused, not on a queue call, device idle or unknown")
    void freeRule() {
        assertThat(new QueueMember(GENERAL, "a", false, 1, false).free()).isTrue();
        assertThat(new QueueMember(GENERAL, "a", false, 0, false).free()).isTrue();
        assertThat(new QueueMember(GENERAL, "a", true, 1, false).free()).isFalse();
        assertThat(new QueueMember(GENERAL, "a", false, 1, true).free()).isFalse();
        for (int busy : new int[] {2, 3, 4, 5, 6, 7, 8}) {
            assertThat(new QueueMember(GENERAL, "a", false, busy, false).free())
                    .as("status " + busy)
                    .isFalse();
        }
    }

    @Test
    @DisplayName("Each agent's state is told once after the listing and then only when it changes, over all queues")
    void memberStatesTold() {
        List<MemberState> told = new ArrayList<>();
        h.tracker.addMemberListener(told::add);
        String a8001 = "Local/8001@agent-sim/n";
        apply(
                new CallEvent.ReconcileMark(T0, 1, "start"),
                new CallEvent.QueueMemberChanged(T0, idle(GENERAL, "8001"))); // before any listing: nothing known
        assertThat(told).isEmpty();
        apply(listing(1, idle(GENERAL, "8001"), idle(PRIORITY, "8001")));
        assertThat(told).containsExactly(new MemberState(a8001, "ready", null));

        // A supervisor's QueuePause (all queues, reason "lunch"): one change per event, none for a repeat.
        apply(new CallEvent.QueueMemberChanged(T0, new QueueMember(GENERAL, a8001, true, 1, false, "lunch")));
        apply(new CallEvent.QueueMemberChanged(T0, new QueueMember(PRIORITY, a8001, true, 1, false, "lunch")));
        assertThat(told).last().isEqualTo(new MemberState(a8001, "paused", "lunch"));
        assertThat(told).hasSize(2);

        // On a queue call in one queue: on_call wins over the pause in the other, as the wallboard counts it.
        apply(new CallEvent.QueueMemberChanged(T0, new QueueMember(GENERAL, a8001, true, 2, true, "lunch")));
        assertThat(told).last().isEqualTo(new MemberState(a8001, "on_call", "lunch"));
        assertThat(h.registry
                        .get("queue.agents")
                        .tag("state", "on_call")
                        .gauge()
                        .value())
                .isEqualTo(1.0);

        // The console's wrap-up pause after the call, then unpaused.
        apply(
                new CallEvent.QueueMemberChanged(T0, new QueueMember(GENERAL, a8001, true, 1, false, "wrap-up")),
                new CallEvent.QueueMemberChanged(T0, new QueueMember(PRIORITY, a8001, true, 1, false, "wrap-up")));
        assertThat(told).last().isEqualTo(new MemberState(a8001, "wrap_up", "wrap-up"));
        apply(
                new CallEvent.QueueMemberChanged(T0, new QueueMember(GENERAL, a8001, false, 1, false, "")),
                new CallEvent.QueueMemberChanged(T0, new QueueMember(PRIORITY, a8001, false, 1, false, "")));
        assertThat(told).last().isEqualTo(new MemberState(a8001, "ready", null));

        apply(
                new CallEvent.QueueMemberRemoved(T0, GENERAL, a8001),
                new CallEvent.QueueMemberRemoved(T0, PRIORITY, a8001));
        assertThat(told).last().isEqualTo(new MemberState(a8001, MemberState.ABSENT, null));
    }
}
