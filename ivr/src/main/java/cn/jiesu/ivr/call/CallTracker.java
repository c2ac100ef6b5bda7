package cn.jiesu.ivr.call;

import cn.jiesu.core.intake.Intake;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows every call by Linkedid from the AMI event stream and turns each finished inbound hotline call into exactly
 * one phone appeal.
 *
 * <p><b>Threading:</b> single-threaded by design. {@link #apply} and {@link #tick} must only be called by one
 * thread (the AMI connector's consumer thread); nothing here is synchronized. Other threads read the published
 * {@link #board()} (an immutable snapshot) and register listeners; those two are thread-safe.
 *
 * <p><b>Which calls:</b> a Linkedid is an inbound hotline call once one of its channels is seen at dialplan
 * {@code public,12345} (Newchannel of a SIP trunk call, or Newexten of a Local caller) or starts the IVR's AGI
 * script (in any context: a softphone's, a Local channel's). Calls we originate carry a ChannelId starting with
 * {@link TrackerSettings#outboundIdPrefix()} and are never inbound, even when they reach 12345; other calls
 * (callbacks to {@code public,callback}, agent-to-agent calls) are followed but dropped at the end without an
 * appeal.
 *
 * <p><b>Whose call:</b> the caller is the Linkedid's own channel, the call's first (its CallerIDNum is the
 * appeal's number); the choices are the IVR variables of whichever channels of the Linkedid ran the IVR
 * ({@link IvrSessions}): a SIP channel itself, the ;2 half of a Local channel, or another channel after a
 * transfer.
 *
 * <p><b>Order:</b> facts are recorded whatever order they arrive in; a call ends when its last live channel has hung
 * up and {@link TrackerSettings#endGrace()} has passed without another event for it. Events for a Linkedid that
 * ended within {@link TrackerSettings#endedMemory()} are ignored.
 *
 * <p><b>Agents:</b> it also keeps the queues' member state ({@link #freeAgents()}), which the callback dialer reads
 * so that agent-first callbacks never ring more agents than are free.
 */
public final class CallTracker implements CallEventSink {
    private static final Logger log = LoggerFactory.getLogger(CallTracker.class);

    private final TrackerSettings settings;
    private final CallIntakeFactory intakes;
    private final Consumer<Intake> appender;
    private final Clock clock;
    private final CallMetrics metrics;
    private final Map<String, TrackedCall> calls = new HashMap<>();
    private final Set<TrackedCall> ending = new LinkedHashSet<>();
    private final LinkedHashMap<String, Instant> ended = new LinkedHashMap<>();
    /** Ended calls that never became inbound; kept (bounded by time) in case a late event shows they were. */
    private final LinkedHashMap<String, TrackedCall> dropped = new LinkedHashMap<>();

    private final List<AgentCallListener> agentListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<EndedCall>> endListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<MemberState>> memberListeners = new CopyOnWriteArrayList<>();
    private final QueueMembers members;
    private long token;
    private volatile CallBoard board;
    private boolean dirty;
    private Instant publishedAt = Instant.MIN;

    /**
     * @param appender takes each finished call's intake; must not block (an {@link IntakeAppender}'s
     *                 {@code append})
     */
    public CallTracker(
            TrackerSettings settings,
            CallIntakeFactory intakes,
            Consumer<Intake> appender,
            Clock clock,
            MeterRegistry registry) {
        this.settings = settings;
        this.intakes = intakes;
        this.appender = appender;
        this.clock = clock;
        this.board = CallBoard.empty(clock.instant());
        this.members = new QueueMembers(settings, this::memberChanged);
        this.metrics = new CallMetrics(registry, settings, this::board, members::agentStates, clock);
    }

    /** The latest published picture of active calls; any thread. */
    public CallBoard board() {
        return board;
    }

    /**
     * Free agents (members logged in, not paused, not on a call) per IVR queue name ({@code general}), from AMI
     * queue member events and each reconcile's QueueStatus; every configured queue counts 0 until the first
     * QueueStatus arrived. Any thread.
     */
    public Map<String, Integer> freeAgents() {
        return members.freeAgents();
    }

    /** Registers a listener for calls offered to / connected with agents; any thread. */
    public void addAgentListener(AgentCallListener listener) {
        agentListeners.add(listener);
    }

    /** Registers a listener for finished inbound calls (called on the tracker's thread; must not block). */
    public void addEndListener(Consumer<EndedCall> listener) {
        endListeners.add(listener);
    }

    /**
     * Registers a listener for agents' queue-member state ({@link MemberState}): told once per agent after the first
     * QueueStatus listing, then at each change of its state or pause reason. Called on the tracker's thread; must
     * not block.
     */
    public void addMemberListener(Consumer<MemberState> listener) {
        memberListeners.add(listener);
    }

    private void memberChanged(MemberState state) {
        for (Consumer<MemberState> l : memberListeners) {
            try {
                l.accept(state);
            } catch (RuntimeException ex) {
                log.warn("member listener failed on {}", state, ex);
            }
        }
    }

    @Override
    public void apply(CallEvent event) {
        switch (event) {
            case CallEvent.OnChannel e -> onChannel(e);
            case CallEvent.ReconcileMark m -> {
                token = Math.max(token, m.token());
                members.apply(m);
            }
            case CallEvent.QueueMemberChanged c -> members.apply(c);
            case CallEvent.QueueMemberRemoved r -> members.apply(r);
            case CallEvent.QueueMembersListed l -> members.apply(l);
            case CallEvent.ChannelsListed l -> reconcile(l);
            case CallEvent.OriginateResponded ignored -> {}
            case CallEvent.AsteriskBooted ignored -> {}
            case CallEvent.AsteriskShutdown ignored -> {}
        }
    }

    @Override
    public void tick() {
        Instant now = clock.instant();
        for (Iterator<TrackedCall> it = ending.iterator(); it.hasNext(); ) {
            TrackedCall c = it.next();
            if (c.endDueAt == null) {
                it.remove();
            } else if (!now.isBefore(c.endDueAt)) {
                it.remove();
                finish(c, now);
            }
        }
        Instant forgetBefore = now.minus(settings.endedMemory());
        for (Iterator<Instant> it = ended.values().iterator();
                it.hasNext() && it.next().isBefore(forgetBefore); ) {
            it.remove();
        }
        for (Iterator<TrackedCall> it = dropped.values().iterator();
                it.hasNext() && it.next().finishedAt.isBefore(forgetBefore); ) {
            it.remove();
        }
        if (dirty && Duration.between(publishedAt, now).compareTo(settings.publishInterval()) >= 0) {
            publish(now);
        }
    }

    /** Number of Linkedids followed (inbound or not, not yet ended); on the tracker's thread only. */
    public int tracked() {
        return calls.size();
    }

    private void onChannel(CallEvent.OnChannel e) {
        ChannelInfo ch = e.channel();
        String linkedid = ch.linkedid();
        if (ended.containsKey(linkedid)) {
            metrics.straggler();
            return;
        }
        TrackedCall c = calls.get(linkedid);
        if (c == null) {
            c = dropped.remove(linkedid); // a candidate ended too early: its facts (gone channels) still count
            if (c == null) {
                c = new TrackedCall(linkedid, linkedid.startsWith(settings.outboundIdPrefix()), e.at());
            }
            calls.put(linkedid, c);
        }
        if (ch.isAt(settings.inboundContext(), settings.dnis())) {
            c.enter(ch, e.at());
        }
        if (e instanceof CallEvent.DialplanStep d && settings.runsIvr(d.application(), d.appData())) {
            // The IVR's own channel, in whatever context it reached 12345 (a softphone's, a Local ;2 half) and
            // however often (a transfer back into the IVR): ties the call to its choices.
            c.enter(ch, e.at());
            c.ivr.started(ch.uniqueid(), e.at());
        }
        if (e instanceof CallEvent.HungUp h) {
            c.hungUp(ch, h.cause(), h.at());
        } else {
            c.seen(ch, e.at(), token);
        }
        c.scheduleEndIfIdle(endDue()); // no live channel left, or a late event of a gone channel
        if (c.endDueAt == null) {
            ending.remove(c);
        } else {
            ending.add(c);
        }
        switch (e) {
            case CallEvent.VariableSet v -> c.ivr.carried(ch.uniqueid(), v.name(), v.value(), v.at(), true);
            case CallEvent.QueueJoined q -> c.joined(q.queue(), q.at());
            case CallEvent.QueueLeft q -> c.left(q.at());
            case CallEvent.QueueAbandoned q -> {
                c.left(q.at());
                if (!c.outbound && c.queueOutcome()) {
                    metrics.abandoned(q.queue(), q.holdTimeS());
                }
            }
            case CallEvent.AgentOffered a -> offered(c, agentOf(a.agentInterface(), a.agentChannel()), a.at());
            case CallEvent.AgentMissed a -> c.missed(AgentExtension.of(a.agentInterface()));
            case CallEvent.AgentConnected a -> {
                if (!c.outbound && c.queueOutcome()) {
                    metrics.answered(a.queue(), a.holdTimeS());
                }
                connected(c, agentOf(a.agentInterface(), a.agentChannel()), a.at());
            }
            case CallEvent.DialStarted d -> offered(c, agentOf(ch), d.at());
            case CallEvent.DialEnded d -> {
                if ("ANSWER".equals(d.dialStatus()) && d.callerUniqueid() != null) {
                    connected(c, agentOf(ch), d.at());
                }
            }
            case CallEvent.BridgeEntered b -> bridged(c, ch, b.bridgeId(), b.at());
            default -> {}
        }
        dirty |= c.inbound;
    }

    private String agentOf(ChannelInfo ch) {
        return AgentExtension.onChannel(ch, settings);
    }

    private static String agentOf(String agentInterface, String agentChannel) {
        String ext = AgentExtension.of(agentInterface);
        return ext != null ? ext : AgentExtension.of(agentChannel);
    }

    private void offered(TrackedCall c, String agent, Instant at) {
        if (agent != null && c.offered(agent) && c.inbound && c.agent == null) {
            notifyAgent(AgentCall.Kind.OFFERED, agent, c, at);
        }
    }

    private void connected(TrackedCall c, String agent, Instant at) {
        if (c.connected(agent, at) && c.inbound) {
            notifyAgent(AgentCall.Kind.CONNECTED, agent, c, at);
        }
    }

    /** Fallback for calls bridged to an agent without app_queue's AgentConnect (direct dial, transfer). */
    private void bridged(TrackedCall c, ChannelInfo ch, String bridgeId, Instant at) {
        String agent = agentOf(ch);
        if (c.isCallerSide(ch)) {
            c.callerBridge = bridgeId;
        } else if (agent != null) {
            c.agentBridges.put(bridgeId, agent);
        }
        if (c.callerBridge != null && c.agentBridges.containsKey(c.callerBridge)) {
            connected(c, c.agentBridges.get(c.callerBridge), at);
        }
    }

    private void notifyAgent(AgentCall.Kind kind, String agent, TrackedCall c, Instant at) {
        AgentCall call = new AgentCall(kind, agent, c.toActive(settings), at);
        for (AgentCallListener l : agentListeners) {
            try {
                l.onAgentCall(call);
            } catch (RuntimeException ex) {
                log.warn("agent listener {} failed on {} {}", l, kind, c.linkedid, ex);
            }
        }
    }

    private void reconcile(CallEvent.ChannelsListed listing) {
        if (listing.token() < token) {
            log.info("ignoring channel listing {}: superseded by reconcile {}", listing.token(), token);
            return;
        }
        Map<String, List<ListedChannel>> byCall = new HashMap<>();
        for (ListedChannel lc : listing.channels()) {
            byCall.computeIfAbsent(lc.channel().linkedid(), k -> new ArrayList<>())
                    .add(lc);
        }
        int closed = 0;
        for (TrackedCall c : List.copyOf(calls.values())) {
            List<ListedChannel> listed = byCall.remove(c.linkedid);
            Set<String> uids = new HashSet<>();
            if (listed != null) {
                listed.forEach(lc -> uids.add(lc.channel().uniqueid()));
                CallAdoption.refresh(c, listed, settings, listing.at());
            }
            c.prune(uids, listing.token());
            if (c.live.isEmpty()) {
                if (listed == null && c.lastToken < listing.token() && c.inbound) {
                    c.closedByReconcile = true;
                    closed++;
                    metrics.closedByReconcile();
                }
                c.scheduleEndIfIdle(clock.instant());
                ending.add(c);
            }
        }
        int adopted = 0;
        for (Map.Entry<String, List<ListedChannel>> e : byCall.entrySet()) {
            if (ended.containsKey(e.getKey()) || dropped.containsKey(e.getKey())) {
                continue;
            }
            TrackedCall c = CallAdoption.adopt(e.getKey(), e.getValue(), settings, listing.token(), listing.at());
            if (c != null) {
                calls.put(c.linkedid, c);
                adopted++;
                metrics.adopted();
            }
        }
        dirty = true;
        log.info(
                "reconciled with {} channels: {} calls adopted, {} closed as gone",
                listing.channels().size(),
                adopted,
                closed);
    }

    private Instant endDue() {
        return clock.instant().plus(settings.endGrace());
    }

    private void finish(TrackedCall c, Instant now) {
        calls.remove(c.linkedid);
        c.endDueAt = null;
        c.finishedAt = now;
        if (!c.inbound) {
            dropped.remove(c.linkedid);
            dropped.put(c.linkedid, c);
            return;
        }
        ended.put(c.linkedid, now);
        dirty = true;
        EndedCall end = c.end(settings);
        metrics.ended(end.disposition());
        log.info(
                "call {} ended: {} queue={} agent={} seenToEnd={}",
                end.linkedid(),
                end.disposition(),
                end.queue(),
                end.agent(),
                end.seenToEnd());
        appender.accept(intakes.intakeOf(end));
        for (Consumer<EndedCall> l : endListeners) {
            try {
                l.accept(end);
            } catch (RuntimeException ex) {
                log.warn("end listener failed on {}", end.linkedid(), ex);
            }
        }
    }

    private void publish(Instant now) {
        board = CallBoard.of(now, calls.values(), settings);
        publishedAt = now;
        dirty = false;
    }
}
