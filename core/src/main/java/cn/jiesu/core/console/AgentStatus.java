package cn.jiesu.core.console;

import java.time.Instant;
import java.util.Objects;

/**
 * One agent's recorded state.
 *
 * @param seenAt the last time a gateway instance held a live console socket of this agent
 * @param until  when a {@link AgentState#WRAP_UP} ends by itself (null: until the agent clicks ready, and for every
 *               other state)
 * @param reason why: Asterisk's pause reason for a pause made elsewhere, {@code break}, {@code wrap-up}, … (may be
 *               null)
 */
public record AgentStatus(String ext, AgentState state, Instant since, Instant seenAt, Instant until, String reason) {
    public AgentStatus {
        Objects.requireNonNull(ext, "ext");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
    }

    public AgentStatus(String ext, AgentState state, Instant since, Instant seenAt) {
        this(ext, state, since, seenAt, null, null);
    }

    /** The state the wallboard shows: OFFLINE when no instance has seen the agent's console for {@code staleAfter}. */
    public AgentState shown(Instant now, java.time.Duration staleAfter) {
        return seenAt == null || seenAt.plus(staleAfter).isBefore(now) ? AgentState.OFFLINE : state;
    }

    /** A wrap-up whose limit has passed at {@code now}. */
    public boolean wrapUpOver(Instant now) {
        return state == AgentState.WRAP_UP && until != null && !until.isAfter(now);
    }
}
