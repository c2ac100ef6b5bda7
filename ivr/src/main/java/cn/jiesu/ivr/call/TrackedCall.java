package cn.jiesu.ivr.call;

import cn.jiesu.core.intake.CallDisposition;
import cn.jiesu.ivr.dialplan.DialplanVariables;
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
    boolean queueOutcomeCounted;
    /** The first channel seen reaching the hotline: what serves the caller until an IVR session is known. */
    String enteredUniqueid;

    Instant enteredAt;
    /** Live channels: uniqueid → reconcile token current when last seen. */
    final Map<String, Long> live = new HashMap<>();

    final Set<String> gone = new HashSet<>();
    /** Each channel's first known CallerIDNum. */
    final Map<String, String> numbers = new HashMap<>();
    /** Each channel's Q.850 cause. */
    final Map<String, Integer> causes = new HashMap<>();

    final IvrSessions ivr = new IvrSessions();
    final Set<String> offeredAgents = new HashSet<>();
    final Map<String, String> agentBridges = new HashMap<>();
    String callerBridge;
    String queue;
    Instant queuedAt;
    Instant queueLeftAt;
    String ringingAgent;
    String agent;
    Instant connectedAt;
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
        facts(ch, at);
    }

    /** What every event tells about its channel: its caller ID and the IVR variables it carries. */
    void facts(ChannelInfo ch, Instant at) {
        if (ch.callerNum() != null) {
            numbers.putIfAbsent(ch.uniqueid(), ch.callerNum());
        }
        ch.vars().forEach((name, value) -> ivr.carried(ch.uniqueid(), name, value, at, false));
    }

    /**
     * The channel that serves the caller on the hotline's side: the one that ran the IVR (its queue, its bridge to
     * the agent), whichever half or leg of the call that is.
     */
    String servedUniqueid() {
        String served = ivr.ivrChannel();
        if (served != null) {
            return served;
        }
        return enteredUniqueid != null ? enteredUniqueid : linkedid;
    }

    /**
     * The caller's channel or the one serving it: the Linkedid's channel (the call's first, the party who called)
     * and the IVR's channel, which differ when the call came through a Local channel.
     */
    boolean isCallerSide(ChannelInfo ch) {
        return ch.uniqueid().equals(linkedid) || ch.uniqueid().equals(servedUniqueid());
    }

    /**
     * The caller's number: the CallerIDNum of the call's first channel, the party who called. A Local half's own
     * caller ID is not it (the ;1 half a Dial creates shows the dialled extension, e.g. the legacy number).
     */
    String callerNumber() {
        String n = numbers.get(linkedid);
        return n != null ? n : numbers.get(servedUniqueid());
    }

    /** The call reached the hotline on {@code ch}: it is at {@code public,12345}, or the IVR's AGI started on it. */
    void enter(ChannelInfo ch, Instant at) {
        if (outbound) {
            return;
        }
        inbound = true;
        if (enteredUniqueid == null) {
            enteredUniqueid = ch.uniqueid();
        }
        if (enteredAt == null || at.isBefore(enteredAt)) {
            enteredAt = at;
        }
    }

    Map<String, String> vars() {
        return ivr.vars();
    }

    /**
     * True the first time: a citizen's queue call is counted answered or abandoned once, however often told (our
     * own callbacks, which queue for an agent too, are left out by the tracker).
     */
    boolean queueOutcome() {
        if (queueOutcomeCounted) {
            return false;
        }
        queueOutcomeCounted = true;
        return true;
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
        causes.putIfAbsent(ch.uniqueid(), cause);
        facts(ch, at);
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
        String route = vars().get(DialplanVariables.ROUTE);
        if ("done".equals(route)) {
            String outcome = vars().get(DialplanVariables.OUTCOME);
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
        return "queue".equals(vars().get(DialplanVariables.ROUTE)) ? vars().get(DialplanVariables.QUEUE) : null;
    }

    EndedCall end(TrackerSettings settings) {
        return new EndedCall(
                linkedid,
                servedUniqueid(),
                callerNumber(),
                startedAt(),
                lastSeen,
                queueName(settings),
                agent,
                vars(),
                closedByReconcile ? null : hangupCause(),
                disposition(),
                !closedByReconcile);
    }

    /** The caller's channel's cause, else the IVR channel's; null when neither Hangup was seen. */
    private Integer hangupCause() {
        Integer cause = causes.get(linkedid);
        return cause != null ? cause : causes.get(servedUniqueid());
    }

    ActiveCall toActive(TrackerSettings settings) {
        CallState state = state();
        Instant waitingSince = state == CallState.QUEUED || state == CallState.OFFERED ? queuedAt : null;
        return new ActiveCall(
                linkedid,
                callerNumber(),
                state,
                queueName(settings),
                startedAt(),
                waitingSince,
                CallIntakeFactory.pathOf(vars().get(DialplanVariables.PATH)),
                vars(),
                agent != null ? agent : ringingAgent);
    }
}
