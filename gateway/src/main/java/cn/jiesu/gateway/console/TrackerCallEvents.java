package cn.jiesu.gateway.console;

import cn.jiesu.core.intake.RequestType;
import cn.jiesu.core.intake.Urgency;
import cn.jiesu.ivr.call.ActiveCall;
import cn.jiesu.ivr.call.AgentCall;
import cn.jiesu.ivr.call.CallTracker;
import cn.jiesu.ivr.call.MemberState;
import cn.jiesu.ivr.dialplan.DialplanVariables;
import java.util.Map;

/**
 * Connects the AMI call tracker to the console: the tracker's agent listener (AgentCalled/AgentConnect,
 * DialBegin/BridgeEnter on an agent endpoint) becomes {@link AgentCallEvents#offered} or
 * {@link AgentCallEvents#connected}, and its end listener becomes {@link AgentCallEvents#ended}. Both listeners
 * run on the tracker's thread and only translate and hand off (the port returns at once).
 */
public final class TrackerCallEvents {
    private TrackerCallEvents() {}

    /** As {@link #attach(CallTracker, AgentCallEvents, Map)} with choices shown as their codes. */
    public static void attach(CallTracker tracker, AgentCallEvents events) {
        attach(tracker, events, Map.of());
    }

    /** {@code choiceLabels}: the IVR's menu choices in words ({@code IvrDefinition#choiceLabels}). */
    public static void attach(CallTracker tracker, AgentCallEvents events, Map<String, String> choiceLabels) {
        tracker.addAgentListener(call -> {
            CallOffer offer = offerOf(call, choiceLabels);
            if (call.kind() == AgentCall.Kind.OFFERED) {
                events.offered(offer);
            } else {
                events.connected(offer);
            }
        });
        tracker.addEndListener(end -> events.ended(end.linkedid(), end.endedAt()));
    }

    /**
     * Connects the tracker's member listener to the console: each agent's queue-member state ({@link MemberState},
     * decided once in the tracker for the wallboard's counts too) becomes {@link QueueMemberEvents#member}.
     */
    public static void attachMembers(CallTracker tracker, QueueMemberEvents members) {
        tracker.addMemberListener(m -> members.member(memberOf(m)));
    }

    static AsteriskMember memberOf(MemberState m) {
        AsteriskMember.Seen seen = switch (m.state()) {
            case "on_call" -> AsteriskMember.Seen.ON_CALL;
            case "wrap_up" -> AsteriskMember.Seen.WRAP_UP;
            case "paused" -> AsteriskMember.Seen.PAUSED;
            case "ready" -> AsteriskMember.Seen.READY;
            case "unavailable" -> AsteriskMember.Seen.UNAVAILABLE;
            default -> AsteriskMember.Seen.ABSENT;
        };
        return new AsteriskMember(m.memberInterface(), seen, m.pausedReason());
    }

    static CallOffer offerOf(AgentCall call) {
        return offerOf(call, Map.of());
    }

    static CallOffer offerOf(AgentCall call, Map<String, String> choiceLabels) {
        ActiveCall c = call.call();
        IvrPath ivr = new IvrPath(
                        c.vars().get(DialplanVariables.LANG),
                        c.ivrChoices(),
                        enumOrNull(Urgency.class, c.vars().get(DialplanVariables.URGENCY)),
                        enumOrNull(RequestType.class, c.vars().get(DialplanVariables.REQTYPE)))
                .labelled(choiceLabels);
        return new CallOffer(
                call.agent(),
                c.linkedid(),
                c.callerNumber(),
                c.queue(),
                ivr,
                call.at() == null ? java.time.Instant.now() : call.at());
    }

    private static <E extends Enum<E>> E enumOrNull(Class<E> type, String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, name.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
