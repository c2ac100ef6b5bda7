package cn.jiesu.ivr.ami;

import cn.jiesu.ivr.call.CallEvent;
import cn.jiesu.ivr.call.ChannelInfo;
import cn.jiesu.ivr.call.ListedChannel;
import cn.jiesu.ivr.call.QueueMember;
import cn.jiesu.ivr.dialplan.DialplanVariables;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * Translates raw AMI frames ({@link AmiFrameDecoder}) into {@link CallEvent}s; the twin of
 * {@link ManagerEventTranslator} for the replay benchmark's baseline, and the oracle its tests compare against.
 * Returns null for everything the tracker does not need. Stateless and thread-safe.
 */
public final class RawEventTranslator {
    private final Clock clock;

    public RawEventTranslator(Clock clock) {
        this.clock = clock;
    }

    public CallEvent translate(AmiFrame f) {
        String name = f.event();
        if (name == null || !TrackedEvents.contains(name)) {
            return null;
        }
        Instant at = AmiValues.timestamp(f.get("Timestamp"), clock);
        if (name.equals("OriginateResponse")) {
            return new CallEvent.OriginateResponded(
                    at,
                    AmiValues.stripInternalActionId(f.get("ActionID")),
                    "Success".equalsIgnoreCase(f.get("Response")),
                    AmiValues.integer(f.get("Reason"), -1),
                    AmiValues.orNull(f.get("Uniqueid")),
                    f.get("Channel"));
        }
        if (name.equals("FullyBooted")) {
            return new CallEvent.AsteriskBooted(at);
        }
        if (name.equals("Shutdown")) {
            return new CallEvent.AsteriskShutdown(at, "True".equalsIgnoreCase(f.get("Restart")));
        }
        if (name.equals("QueueMemberRemoved")) {
            return new CallEvent.QueueMemberRemoved(at, f.get("Queue"), f.get("Interface"));
        }
        if (name.startsWith("QueueMember")) {
            return new CallEvent.QueueMemberChanged(at, member(f));
        }
        ChannelInfo ch = channel(f, "", f.chanVars());
        if (ch == null) {
            return name.startsWith("Dial") ? dial(f, name, at) : null;
        }
        return switch (name) {
            case "Newchannel" -> new CallEvent.ChannelCreated(at, ch);
            case "Newstate" -> new CallEvent.ChannelStateChanged(at, ch);
            case "Newexten" -> new CallEvent.DialplanStep(at, ch, f.get("Application"), f.get("AppData"));
            case "VarSet" ->
                DialplanVariables.isTracked(DialplanVariables.bare(f.get("Variable")))
                        ? new CallEvent.VariableSet(at, ch, DialplanVariables.bare(f.get("Variable")), f.get("Value"))
                        : null;
            case "Hangup" ->
                new CallEvent.HungUp(
                        at, ch, AmiValues.integer(f.get("Cause"), 0), AmiValues.orNull(f.get("Cause-txt")));
            case "QueueCallerJoin" ->
                new CallEvent.QueueJoined(at, ch, f.get("Queue"), AmiValues.integer(f.get("Position"), 0));
            case "QueueCallerLeave" -> new CallEvent.QueueLeft(at, ch, f.get("Queue"));
            case "QueueCallerAbandon" ->
                new CallEvent.QueueAbandoned(at, ch, f.get("Queue"), AmiValues.integer(f.get("HoldTime"), 0));
            case "AgentCalled" ->
                new CallEvent.AgentOffered(at, ch, f.get("Queue"), f.get("Interface"), f.get("DestChannel"));
            case "AgentRingNoAnswer" -> new CallEvent.AgentMissed(at, ch, f.get("Queue"), f.get("Interface"));
            case "AgentConnect" ->
                new CallEvent.AgentConnected(
                        at,
                        ch,
                        f.get("Queue"),
                        f.get("Interface"),
                        f.get("DestChannel"),
                        AmiValues.integer(f.get("HoldTime"), 0));
            case "AgentComplete" ->
                new CallEvent.AgentCompleted(
                        at,
                        ch,
                        f.get("Queue"),
                        f.get("Interface"),
                        AmiValues.integer(f.get("TalkTime"), 0),
                        f.get("Reason"));
            case "DialBegin", "DialEnd" -> dial(f, name, at);
            case "BridgeEnter" -> new CallEvent.BridgeEntered(at, ch, f.get("BridgeUniqueid"));
            case "BridgeLeave" -> new CallEvent.BridgeLeft(at, ch, f.get("BridgeUniqueid"));
            default -> null; // CoreShowChannel: listings are collected by the connector, not streamed
        };
    }

    /** A QueueStatus {@code QueueMember} frame (or a member event) as the member's state. */
    public QueueMember member(AmiFrame f) {
        // member events say Interface, QueueStatus's QueueMember entries say Location
        String iface = f.get("Interface") != null ? f.get("Interface") : f.get("Location");
        return new QueueMember(
                f.get("Queue"),
                iface,
                AmiValues.flag(f.get("Paused")),
                AmiValues.integer(f.get("Status"), 0),
                AmiValues.flag(f.get("InCall")),
                AmiValues.orNull(f.get("PausedReason")));
    }

    /** A CoreShowChannel frame as a listing entry, or null for any other frame. */
    public ListedChannel listed(AmiFrame f) {
        if (!"CoreShowChannel".equals(f.event())) {
            return null;
        }
        ChannelInfo ch = channel(f, "", f.chanVars());
        return ch == null
                ? null
                : new ListedChannel(
                        ch,
                        f.get("Application"),
                        f.get("ApplicationData"),
                        AmiValues.orNull(f.get("BridgeId")),
                        ManagerEventTranslator.durationSeconds(f.get("Duration")),
                        null);
    }

    private static CallEvent dial(AmiFrame f, String name, Instant at) {
        ChannelInfo dest = channel(f, "Dest", Map.of());
        if (dest == null) {
            return null;
        }
        String caller = AmiValues.orNull(f.get("Uniqueid"));
        return name.equals("DialBegin")
                ? new CallEvent.DialStarted(at, dest, caller, f.get("DialString"))
                : new CallEvent.DialEnded(at, dest, caller, f.get("DialStatus"));
    }

    /** The channel snapshot whose keys start with {@code prefix}, or null without Uniqueid/Linkedid. */
    static ChannelInfo channel(AmiFrame f, String prefix, Map<String, String> vars) {
        String uniqueid = AmiValues.orNull(f.get(prefix + "Uniqueid"));
        String linkedid = AmiValues.orNull(f.get(prefix + "Linkedid"));
        if (uniqueid == null || linkedid == null) {
            return null;
        }
        return new ChannelInfo(
                f.get(prefix + "Channel"),
                uniqueid,
                linkedid,
                f.get(prefix + "Context"),
                f.get(prefix + "Exten"),
                AmiValues.orNull(f.get(prefix + "CallerIDNum")),
                AmiValues.orNull(f.get(prefix + "CallerIDName")),
                AmiValues.integer(f.get(prefix + "ChannelState"), -1),
                vars);
    }
}
