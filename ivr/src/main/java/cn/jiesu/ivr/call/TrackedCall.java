package cn.jiesu.ivr.call;

import cn.jiesu.core.intake.CallDisposition;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The facts the tracker has gathered about one Linkedid. State is derived from facts rather than stored, so that
 * events applied in any order and any number of times give the same result (a QueueLeft before its QueueJoined
 * still leaves the call "not queued"). Confined to the tracker's thread.
 */
final class TrackedCall {
    final String linkedid;
    final boolean outbound;
    Instant firstSeen;
    Instant lastSeen;
    /** The reconcile token current when the call was last seen. */
    long lastToken;
    boolean inbound;
    boolean adopted;
    boolean closedByReconcile;
    String callerUniqueid;
    String callerNumber;
    Instant enteredAt;
    /** Live channels: uniqueid → reconcile token current when last seen. */
    final Map<String, Long> live = new HashMap<>();
    final Set<String> gone = new HashSet<>();
    final Map<String, String> vars = new HashMap<>();
    final Set<String> offeredAgents = new HashSet<>();
    final Map<String, String> agentBridges = new HashMap<>();
    String callerBridge;
    String queue;
    Instant queuedAt;
    Instant queueLeftAt;
    String ringingAgent;
    String agent;
    Instant connectedAt;
    Integer hangupCause;
    Instant endDueAt;
    /** When the tracker closed it (local clock), for forgetting it later. */
    Instant finishedAt;

    TrackedCall(String linkedid, boolean outbound, Instant at) {
        this.linkedid = linkedid;
        this.outbound = outbound;
        this.firstSeen = at;
        this.lastSeen = at;
    }

    void seen(ChannelInfo ch, Instant at, long token) {
        if (at.isBefore(firstSeen)) {
            firstSeen = at;
        }
        if (at.isAfter(lastSeen)) {
            lastSeen = at;
        }
        lastToken = token;
        if (!gone.contains(ch.uniqueid())) {
            live.put(ch.uniqueid(), token);
            endDueAt = null;
        }
        if (isCaller(ch)) {
            if (callerNumber == null && ch.callerNum() != null) {
                callerNumber = ch.callerNum();
            }
            ch.vars().forEach(this::setVar);
        }
    }

    boolean isCaller(ChannelInfo ch) {
        return callerUniqueid == null ? ch.uniqueid().equals(linkedid) : callerUniqueid.equals(ch.uniqueid());
    }

    void enter(ChannelInfo ch, Instant at) {
        if (inbound || outbound) {
            return;
        }
        inbound = true;
        callerUniqueid = ch.uniqueid();
        enteredAt = at;
        if (ch.callerNum() != null) {
            callerNumber = ch.callerNum();
        }
    }

    void setVar(String name, String value) {
        if (value != null && !value.isEmpty() && IvrVariables.isTracked(name)) {
            vars.put(name, value);
        }
    }

    void joined(String asteriskQueue, Instant at) {
        if (queuedAt == null || at.isBefore(queuedAt)) {
            queuedAt = at;
        }
        queue = asteriskQueue;
    }

    void left(Instant at) {
        if (queueLeftAt == null || at.isAfter(queueLeftAt)) {
            queueLeftAt = at;
        }
    }

    /** True the first time {@code agentExt} is offered this call. */
    boolean offered(String agentExt) {
        ringingAgent = agentExt;
        return agentExt != null && offeredAgents.add(agentExt);
    }

    void missed(String agentExt) {
        if (agentExt != null && agentExt.equals(ringingAgent)) {
            ringingAgent = null;
        }
    }

    /** True when this makes the call connected (the first agent to answer wins). */
    boolean connected(String agentExt, Instant at) {
        if (agent != null || agentExt == null) {
            return false;
        }
        agent = agentExt;
        connectedAt = at;
        return true;
    }

    /** Records a channel's Hangup. */
    void hungUp(ChannelInfo ch, int cause, Instant at) {
        if (at.isAfter(lastSeen)) {
            lastSeen = at;
        }
        gone.add(ch.uniqueid());
        live.remove(ch.uniqueid());
        if (isCaller(ch)) {
            hangupCause = cause;
        }
    }

    /** Starts the end grace once no channel is live (kept when already running). */
    void scheduleEndIfIdle(Instant endDue) {
        if (live.isEmpty() && endDueAt == null) {
            endDueAt = endDue;
        }
    }

    /** Forgets channels that neither a listing nor an event since the mark {@code token} shows alive. */
    void prune(Set<String> listed, long token) {
        for (Iterator<Map.Entry<String, Long>> it = live.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Long> e = it.next();
            if (e.getValue() < token && !listed.contains(e.getKey())) {
                gone.add(e.getKey());
                it.remove();
            }
        }
    }

    CallState state() {
        if (agent != null) {
            return CallState.CONNECTED;
        }
        if (queuedAt != null && queueLeftAt == null) {
            return ringingAgent != null ? CallState.OFFERED : CallState.QUEUED;
        }
        return CallState.IVR;
    }

    CallDisposition disposition() {
        if (agent != null) {
            return CallDisposition.ANSWERED;
        }
        String route = vars.get(IvrVariables.ROUTE);
        if ("done".equals(route)) {
            String outcome = vars.get(IvrVariables.OUTCOME);
            if ("voicemail".equals(outcome)) {
                return CallDisposition.VOICE_MESSAGE;
            }
            return "invalid".equals(outcome) ? CallDisposition.ABANDONED_IVR : CallDisposition.SELF_SERVICE;
        }
        if (closedByReconcile) {
            return CallDisposition.LOST;
        }
        if (queuedAt != null || "queue".equals(route)) {
            return CallDisposition.ABANDONED_QUEUE;
        }
        return CallDisposition.ABANDONED_IVR;
    }

    Instant startedAt() {
        return enteredAt != null ? enteredAt : firstSeen;
    }

    String queueName(TrackerSettings settings) {
        if (queue != null) {
            return settings.queueName(queue);
        }
        return "queue".equals(vars.get(IvrVariables.ROUTE)) ? vars.get(IvrVariables.QUEUE) : null;
    }

    EndedCall end(TrackerSettings settings) {
        return new EndedCall(linkedid, callerUniqueid, callerNumber, startedAt(), lastSeen, queueName(settings), agent,
                vars, closedByReconcile ? null : hangupCause, disposition(), !closedByReconcile);
    }

    ActiveCall toActive(TrackerSettings settings) {
        CallState state = state();
        Instant waitingSince = state == CallState.QUEUED || state == CallState.OFFERED ? queuedAt : null;
        return new ActiveCall(linkedid, callerNumber, state, queueName(settings), startedAt(), waitingSince,
                CallIntakeFactory.pathOf(vars.get(IvrVariables.PATH)), vars, agent != null ? agent : ringingAgent);
    }
}
