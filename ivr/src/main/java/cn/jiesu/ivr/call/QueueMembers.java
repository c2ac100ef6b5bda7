package cn.jiesu.ivr.call;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Queue members' state from the AMI stream (QueueMemberAdded, -Removed, -Status, -Pause) and the QueueStatus
 * listing of each reconcile, and from it the number of free agents per queue, published as an immutable map keyed
 * by the IVR's queue name ({@code general}, not {@code hotline-general}).
 *
 * <p>A listing is a snapshot taken after its reconcile mark, while member events go on arriving: a member changed
 * by an event after the mark keeps its event state (that event is at least as new as the snapshot, and any later
 * change brings another event); every other member is taken from the listing, and members the listing lacks are
 * gone. Until the first listing every configured queue counts zero free agents: not knowing must not let a
 * callback ring agents that may not be there.
 *
 * <p>Threading: {@link #apply} on the tracker's thread only; {@link #freeAgents()} from any thread.
 */
final class QueueMembers {
    private final TrackerSettings settings;
    /** By Asterisk queue name, then member interface. */
    private final Map<String, Map<String, QueueMember>> members = new HashMap<>();
    /** The reconcile token current when each member (queue + interface) last changed by an event. */
    private final Map<String, Long> touched = new HashMap<>();

    private long token;
    private boolean listed;
    private volatile Map<String, Integer> free;
    private volatile Map<String, Integer> agentStates = noAgents();
    /** Each agent's state as last published to {@link #changes}, by member interface. */
    private final Map<String, MemberState> published = new HashMap<>();

    private final java.util.function.Consumer<MemberState> changes;

    /** The states {@link #agentStates()} counts, the most engaged first. */
    static final java.util.List<String> AGENT_STATES =
            java.util.List.of("on_call", "wrap_up", "paused", "ready", "unavailable");

    QueueMembers(TrackerSettings settings) {
        this(settings, m -> {});
    }

    /** @param changes told (on the tracker's thread) each time an agent's {@link MemberState} changes */
    QueueMembers(TrackerSettings settings, java.util.function.Consumer<MemberState> changes) {
        this.settings = settings;
        this.changes = changes;
        Map<String, Integer> none = new HashMap<>();
        settings.queues().forEach(q -> none.put(q, 0));
        this.free = Map.copyOf(none);
    }

    /** Free agents per IVR queue name, as of the last event applied; any thread. */
    Map<String, Integer> freeAgents() {
        return free;
    }

    /**
     * Agents (distinct member interfaces over all queues) by {@link QueueMember#wallboardState()}, an agent in
     * several queues counted once in its most engaged state; all zero until the first listing. Any thread.
     */
    Map<String, Integer> agentStates() {
        return agentStates;
    }

    private static Map<String, Integer> noAgents() {
        Map<String, Integer> none = new HashMap<>();
        AGENT_STATES.forEach(s -> none.put(s, 0));
        return Map.copyOf(none);
    }

    void apply(CallEvent event) {
        switch (event) {
            case CallEvent.ReconcileMark m -> token = Math.max(token, m.token());
            case CallEvent.QueueMemberChanged c -> {
                QueueMember m = c.member();
                members.computeIfAbsent(m.queue(), q -> new HashMap<>()).put(m.memberInterface(), m);
                touched.put(key(m.queue(), m.memberInterface()), token);
                publish();
            }
            case CallEvent.QueueMemberRemoved r -> {
                Map<String, QueueMember> q = members.get(r.queue());
                if (q != null) {
                    q.remove(r.memberInterface());
                }
                touched.put(key(r.queue(), r.memberInterface()), token);
                publish();
            }
            case CallEvent.QueueMembersListed l -> listed(l);
            default -> {}
        }
    }

    private void listed(CallEvent.QueueMembersListed listing) {
        if (listing.token() < token) {
            return; // superseded by a newer reconcile, whose listing follows
        }
        Map<String, Map<String, QueueMember>> snapshot = new HashMap<>();
        listing.queues().forEach(q -> snapshot.put(q, new HashMap<>()));
        for (QueueMember m : listing.members()) {
            snapshot.computeIfAbsent(m.queue(), q -> new HashMap<>()).put(m.memberInterface(), m);
        }
        Set<String> queues = new HashSet<>(snapshot.keySet());
        queues.addAll(members.keySet());
        for (String q : queues) {
            Map<String, QueueMember> now = members.computeIfAbsent(q, k -> new HashMap<>());
            Map<String, QueueMember> then = snapshot.getOrDefault(q, Map.of());
            for (Iterator<Map.Entry<String, QueueMember>> it = now.entrySet().iterator(); it.hasNext(); ) {
                String iface = it.next().getKey();
                if (!then.containsKey(iface) && !changedSince(q, iface, listing.token())) {
                    it.remove();
                }
            }
            then.forEach((iface, m) -> {
                if (!changedSince(q, iface, listing.token())) {
                    now.put(iface, m);
                }
            });
        }
        // Event marks older than this listing can no longer matter.
        touched.values().removeIf(t -> t < listing.token());
        listed = true;
        publish();
    }

    private boolean changedSince(String queue, String iface, long listingToken) {
        Long t = touched.get(key(queue, iface));
        return t != null && t >= listingToken;
    }

    private void publish() {
        Map<String, Integer> counts = new HashMap<>();
        settings.queues().forEach(q -> counts.put(q, 0));
        if (listed) {
            for (Map.Entry<String, Map<String, QueueMember>> e : members.entrySet()) {
                counts.put(
                        settings.queueName(e.getKey()), countFree(e.getValue().values()));
            }
        }
        free = Map.copyOf(counts);
        if (!listed) {
            return;
        }
        // One decision per agent, shared by the wallboard's counts and the console's per-agent state: the most
        // engaged state over the agent's queues (the reason of the queue that decided it).
        Map<String, MemberState> agents = new HashMap<>();
        for (Map<String, QueueMember> q : members.values()) {
            for (QueueMember m : q.values()) {
                MemberState mine =
                        new MemberState(m.memberInterface(), m.wallboardState(), m.paused() ? m.pausedReason() : null);
                agents.merge(
                        m.memberInterface(),
                        mine,
                        (a, b) -> AGENT_STATES.indexOf(b.state()) < AGENT_STATES.indexOf(a.state()) ? b : a);
            }
        }
        Map<String, Integer> states = new HashMap<>(noAgents());
        agents.values().forEach(a -> states.merge(a.state(), 1, Integer::sum));
        agentStates = Map.copyOf(states);
        tell(agents);
    }

    private void tell(Map<String, MemberState> agents) {
        for (MemberState a : agents.values()) {
            MemberState before = published.put(a.memberInterface(), a);
            if (!a.equals(before)) {
                changes.accept(a);
            }
        }
        for (Iterator<Map.Entry<String, MemberState>> it = published.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, MemberState> e = it.next();
            if (!agents.containsKey(e.getKey())) {
                it.remove();
                changes.accept(new MemberState(e.getKey(), MemberState.ABSENT, null));
            }
        }
    }

    private static int countFree(Collection<QueueMember> ms) {
        int n = 0;
        for (QueueMember m : ms) {
            if (m.free()) {
                n++;
            }
        }
        return n;
    }

    private static String key(String queue, String iface) {
        return queue + '\u0000' + iface;
    }
}
