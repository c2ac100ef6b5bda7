package cn.jiesu.ivr.ami;

import cn.jiesu.ivr.call.CallEvent;
import cn.jiesu.ivr.call.ChannelInfo;
import cn.jiesu.ivr.call.ListedChannel;
import cn.jiesu.ivr.call.QueueMember;
import cn.jiesu.ivr.dialplan.DialplanVariables;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import org.asteriskjava.manager.event.AgentCalledEvent;
import org.asteriskjava.manager.event.AgentCompleteEvent;
import org.asteriskjava.manager.event.AgentConnectEvent;
import org.asteriskjava.manager.event.AgentRingNoAnswerEvent;
import org.asteriskjava.manager.event.BridgeEnterEvent;
import org.asteriskjava.manager.event.BridgeLeaveEvent;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.asteriskjava.manager.event.DialBeginEvent;
import org.asteriskjava.manager.event.DialEndEvent;
import org.asteriskjava.manager.event.DialEvent;
import org.asteriskjava.manager.event.FullyBootedEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.NewChannelEvent;
import org.asteriskjava.manager.event.NewExtenEvent;
import org.asteriskjava.manager.event.NewStateEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.asteriskjava.manager.event.QueueCallerAbandonEvent;
import org.asteriskjava.manager.event.QueueCallerJoinEvent;
import org.asteriskjava.manager.event.QueueCallerLeaveEvent;
import org.asteriskjava.manager.event.QueueMemberAddedEvent;
import org.asteriskjava.manager.event.QueueMemberEvent;
import org.asteriskjava.manager.event.QueueMemberPauseEvent;
import org.asteriskjava.manager.event.QueueMemberRemovedEvent;
import org.asteriskjava.manager.event.QueueMemberStatusEvent;
import org.asteriskjava.manager.event.ShutdownEvent;
import org.asteriskjava.manager.event.VarSetEvent;

/**
 * Translates Asterisk-Java's mutable event beans into {@link CallEvent} records at the edge: nothing of
 * Asterisk-Java leaves this package. Returns null for events the tracker does not need (including Asterisk-Java's
 * synthetic legacy {@code DialEvent}). O(1) and allocation-light: it runs on Asterisk-Java's dispatch thread.
 * Stateless and thread-safe.
 */
public final class ManagerEventTranslator {
    private final Clock clock;

    public ManagerEventTranslator(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param tapped what {@link WireTap} kept of the event: the channel's {@code channelvars} (Asterisk-Java 3.41 has
     *               no field for them) and the raw ActionID
     */
    CallEvent translate(ManagerEvent e, EventRing.Tapped tapped) {
        Map<String, String> vars = tapped.vars();
        Instant at = AmiValues.timestamp(e.getTimestamp(), clock);
        return switch (e) {
            case NewChannelEvent n ->
                on(
                        n,
                        n.getChannel(),
                        n.getUniqueId(),
                        n.getLinkedid(),
                        vars,
                        ch -> new CallEvent.ChannelCreated(at, ch));
            case NewStateEvent n ->
                on(
                        n,
                        n.getChannel(),
                        n.getUniqueId(),
                        n.getLinkedId(),
                        vars,
                        ch -> new CallEvent.ChannelStateChanged(at, ch));
            case NewExtenEvent n ->
                on(
                        n,
                        n.getChannel(),
                        n.getUniqueId(),
                        n.getLinkedId(),
                        vars,
                        ch -> new CallEvent.DialplanStep(at, ch, n.getApplication(), n.getAppData()));
            case VarSetEvent v ->
                DialplanVariables.isTracked(DialplanVariables.bare(v.getVariable()))
                        ? on(
                                v,
                                v.getChannel(),
                                v.getUniqueId(),
                                v.getLinkedId(),
                                vars,
                                ch -> new CallEvent.VariableSet(
                                        at, ch, DialplanVariables.bare(v.getVariable()), v.getValue()))
                        : null;
            case HangupEvent h ->
                on(
                        h,
                        h.getChannel(),
                        h.getUniqueId(),
                        h.getLinkedId(),
                        vars,
                        ch -> new CallEvent.HungUp(at, ch, AmiValues.integer(h.getCause(), 0), h.getCauseTxt()));
            case QueueCallerJoinEvent q ->
                on(
                        q,
                        q.getChannel(),
                        q.getUniqueId(),
                        q.getLinkedId(),
                        vars,
                        ch -> new CallEvent.QueueJoined(at, ch, q.getQueue(), AmiValues.integer(q.getPosition(), 0)));
            case QueueCallerLeaveEvent q ->
                on(
                        q,
                        q.getChannel(),
                        q.getUniqueId(),
                        q.getLinkedId(),
                        vars,
                        ch -> new CallEvent.QueueLeft(at, ch, q.getQueue()));
            case QueueCallerAbandonEvent q ->
                on(
                        q,
                        q.getChannel(),
                        q.getUniqueId(),
                        q.getLinkedId(),
                        vars,
                        ch -> new CallEvent.QueueAbandoned(
                                at, ch, q.getQueue(), AmiValues.integer(q.getHoldTime(), 0)));
            case AgentCalledEvent a ->
                on(
                        a,
                        a.getChannel(),
                        a.getUniqueId(),
                        a.getLinkedId(),
                        vars,
                        ch -> new CallEvent.AgentOffered(at, ch, a.getQueue(), a.getInterface(), a.getDestChannel()));
            case AgentRingNoAnswerEvent a ->
                on(
                        a,
                        a.getChannel(),
                        a.getUniqueId(),
                        a.getLinkedId(),
                        vars,
                        ch -> new CallEvent.AgentMissed(at, ch, a.getQueue(), a.getInterface()));
            case AgentConnectEvent a ->
                on(
                        a,
                        a.getChannel(),
                        a.getUniqueId(),
                        a.getLinkedId(),
                        vars,
                        ch -> new CallEvent.AgentConnected(
                                at, ch, a.getQueue(), a.getInterface(), a.getDestChannel(), (int)
                                        longOr(a.getHoldTime())));
            case AgentCompleteEvent a ->
                on(
                        a,
                        a.getChannel(),
                        a.getUniqueId(),
                        a.getLinkedId(),
                        vars,
                        ch -> new CallEvent.AgentCompleted(
                                at, ch, a.getQueue(), a.getInterface(), (int) longOr(a.getTalkTime()), a.getReason()));
            case DialBeginEvent d -> dest(d, d.getDestLinkedId(), at, true);
            case DialEndEvent d -> dest(d, d.getDestLinkedId(), at, false);
            case DialEvent legacy -> null; // Asterisk-Java's synthetic copy of each DialBegin
            case BridgeEnterEvent b ->
                on(
                        b,
                        b.getChannel(),
                        b.getUniqueId(),
                        b.getLinkedId(),
                        vars,
                        ch -> new CallEvent.BridgeEntered(at, ch, b.getBridgeUniqueId()));
            case BridgeLeaveEvent b ->
                on(
                        b,
                        b.getChannel(),
                        b.getUniqueId(),
                        b.getLinkedId(),
                        vars,
                        ch -> new CallEvent.BridgeLeft(at, ch, b.getBridgeUniqueId()));
            case OriginateResponseEvent o ->
                new CallEvent.OriginateResponded(
                        at,
                        AmiValues.stripInternalActionId(
                                tapped.actionId() != null ? tapped.actionId() : o.getActionId()),
                        "Success".equalsIgnoreCase(o.getResponse()),
                        AmiValues.integer(o.getReason(), -1),
                        AmiValues.orNull(o.getUniqueId()),
                        o.getChannel());
            // QueueMemberStatusEvent extends QueueMemberEvent (QueueStatus's response event): the subclass first.
            case QueueMemberStatusEvent q -> new CallEvent.QueueMemberChanged(at, member(q));
            case QueueMemberAddedEvent q ->
                new CallEvent.QueueMemberChanged(
                        at,
                        new QueueMember(
                                q.getQueue(),
                                q.getInterface(),
                                Boolean.TRUE.equals(q.getPaused()),
                                AmiValues.integer(q.getStatus(), 0),
                                AmiValues.flag(q.getInCall()),
                                AmiValues.orNull(q.getPausedReason())));
            case QueueMemberPauseEvent q ->
                new CallEvent.QueueMemberChanged(
                        at,
                        new QueueMember(
                                q.getQueue(),
                                q.getInterface(),
                                Boolean.TRUE.equals(q.getPaused()),
                                AmiValues.integer(q.getStatus(), 0),
                                AmiValues.integer(q.getIncall(), 0) == 1 || AmiValues.flag(q.getInCall()),
                                AmiValues.orNull(q.getPausedreason())));
            case QueueMemberRemovedEvent q -> new CallEvent.QueueMemberRemoved(at, q.getQueue(), q.getInterface());
            case FullyBootedEvent b -> new CallEvent.AsteriskBooted(at);
            case ShutdownEvent s -> new CallEvent.AsteriskShutdown(at, Boolean.TRUE.equals(s.getRestart()));
            default -> null;
        };
    }

    /** A QueueStatus {@code QueueMember} entry, or a QueueMemberStatus event, as the member's state. */
    static QueueMember member(QueueMemberEvent q) {
        // member events say Interface, QueueStatus's QueueMember entries say Location
        String iface = q.getInterface() != null ? q.getInterface() : q.getLocation();
        return new QueueMember(
                q.getQueue(),
                iface,
                Boolean.TRUE.equals(q.getPaused()),
                AmiValues.integer(q.getStatus(), 0),
                AmiValues.integer(q.getIncall(), 0) == 1,
                AmiValues.orNull(q.getPausedreason()));
    }

    /** One CoreShowChannels entry, or null without Uniqueid/Linkedid. */
    ListedChannel listed(CoreShowChannelEvent c, Map<String, String> vars) {
        ChannelInfo ch = channel(c, c.getChannel(), c.getUniqueid(), c.getLinkedid(), vars);
        if (ch == null) {
            return null;
        }
        return new ListedChannel(
                ch,
                c.getApplication(),
                c.getApplicationdata(),
                AmiValues.orNull(c.getBridgeid()),
                durationSeconds(c.getDuration()),
                null);
    }

    private static CallEvent dest(DialEvent d, String destLinkedid, Instant at, boolean begin) {
        String uid = AmiValues.orNull(d.getDestUniqueId());
        String lid = AmiValues.orNull(destLinkedid);
        if (uid == null || lid == null) {
            return null;
        }
        ChannelInfo dest = new ChannelInfo(
                d.getDestChannel(),
                uid,
                lid,
                d.getDestContext(),
                d.getDestExten(),
                AmiValues.orNull(d.getDestCallerIdNum()),
                AmiValues.orNull(d.getDestCallerIdName()),
                AmiValues.integer(d.getDestChannelState(), -1),
                Map.of());
        String caller = AmiValues.orNull(d.getUniqueId());
        return begin
                ? new CallEvent.DialStarted(at, dest, caller, d.getDialString())
                : new CallEvent.DialEnded(at, dest, caller, d.getDialStatus());
    }

    private static CallEvent on(
            ManagerEvent e,
            String name,
            String uniqueid,
            String linkedid,
            Map<String, String> vars,
            Function<ChannelInfo, CallEvent> make) {
        ChannelInfo ch = channel(e, name, uniqueid, linkedid, vars);
        return ch == null ? null : make.apply(ch);
    }

    private static ChannelInfo channel(
            ManagerEvent e, String name, String uniqueid, String linkedid, Map<String, String> vars) {
        String uid = AmiValues.orNull(uniqueid);
        String lid = AmiValues.orNull(linkedid);
        if (uid == null || lid == null) {
            return null;
        }
        return new ChannelInfo(
                name,
                uid,
                lid,
                e.getContext(),
                e.getExten(),
                AmiValues.orNull(e.getCallerIdNum()),
                AmiValues.orNull(e.getCallerIdName()),
                AmiValues.integer(e.getChannelState(), -1),
                vars);
    }

    private static long longOr(Number n) {
        return n == null ? 0 : n.longValue();
    }

    /** CoreShowChannel's {@code Duration: 00:01:05}. */
    static long durationSeconds(String hms) {
        if (hms == null || hms.isBlank()) {
            return 0;
        }
        long total = 0;
        for (String part : hms.trim().split(":")) {
            total = total * 60 + AmiValues.integer(part, 0);
        }
        return total;
    }
}
