package cn.jiesu.ivr.ami;

import java.util.Set;

/**
 * The AMI events the call tracker needs, by wire name. Only these are numbered by {@link WireTap} (so that a hole in
 * the numbers is a lost event we needed) and counted in {@code ami.events.received{type}} (a fixed, low-cardinality
 * set). Everything else Asterisk sends (TestEvent, AGIExec*, DTMF*, RTCP ...) is ignored.
 */
final class TrackedEvents {
    static final Set<String> NAMES = Set.of(
            "Newchannel",
            "Newstate",
            "Newexten",
            "VarSet",
            "Hangup",
            "QueueCallerJoin",
            "QueueCallerLeave",
            "QueueCallerAbandon",
            "AgentCalled",
            "AgentRingNoAnswer",
            "AgentConnect",
            "AgentComplete",
            "DialBegin",
            "DialEnd",
            "BridgeEnter",
            "BridgeLeave",
            "OriginateResponse",
            "FullyBooted",
            "Shutdown",
            "CoreShowChannel",
            "QueueMemberAdded",
            "QueueMemberRemoved",
            "QueueMemberStatus",
            "QueueMemberPause");

    private TrackedEvents() {}

    static boolean contains(String eventName) {
        return NAMES.contains(eventName);
    }
}
