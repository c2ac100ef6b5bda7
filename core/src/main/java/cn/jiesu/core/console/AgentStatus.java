package cn.jiesu.core.console;

import java.time.Instant;
import java.util.Objects;

/**
 * One agent's state for the wallboard.
 *
 * @param seenAt the last time a gateway instance held a live console socket of this agent
 */
public record AgentStatus(String ext, AgentState state, Instant since, Instant seenAt) {
    public AgentStatus {
        Objects.requireNonNull(ext, "ext");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
    }

    /** The state the wallboard shows: OFFLINE when no instance has seen the agent's console for {@code staleAfter}. */
    public AgentState shown(Instant now, java.time.Duration staleAfter) {
        return seenAt == null || seenAt.plus(staleAfter).isBefore(now) ? AgentState.OFFLINE : state;
    }
}
