package cn.jiesu.ivr.call;

import java.time.Instant;
import java.util.Objects;

/**
 * A call reaching an agent: {@link Kind#OFFERED} when the agent's phone rings (AgentCalled, or DialBegin to an
 * agent channel), {@link Kind#CONNECTED} when the agent answered (AgentConnect, or DialEnd ANSWER / a shared
 * bridge). The screen pop keys on {@code agent} (the extension, e.g. 8001).
 */
public record AgentCall(Kind kind, String agent, ActiveCall call, Instant at) {
    public enum Kind {
        OFFERED,
        CONNECTED
    }

    public AgentCall {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(call, "call");
    }
}
