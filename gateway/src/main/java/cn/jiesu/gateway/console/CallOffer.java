package cn.jiesu.gateway.console;

import java.time.Instant;
import java.util.Objects;

/**
 * A call reaching one agent's endpoint, translated from AMI (AgentCalled/AgentConnect, DialBegin/BridgeEnter).
 *
 * @param agentExt     the agent's extension (8001): the only browser that may see this pop
 * @param linkedid     Asterisk's Linkedid, the call's identity and the phone appeal's channel message id
 * @param callerNumber the caller's number, or null when withheld (an identifier: never logged at info level)
 * @param queue        the queue the call waited in, or null
 * @param at           when AMI reported it (pop latency is measured from here)
 */
public record CallOffer(String agentExt, String linkedid, String callerNumber, String queue, IvrPath ivr, Instant at) {
    public CallOffer {
        if (agentExt == null || agentExt.isBlank()) {
            throw new IllegalArgumentException("agentExt: required");
        }
        if (linkedid == null || linkedid.isBlank()) {
            throw new IllegalArgumentException("linkedid: required");
        }
        ivr = ivr == null ? IvrPath.NONE : ivr;
        Objects.requireNonNull(at, "at");
    }
}
