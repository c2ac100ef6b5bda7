package cn.jiesu.gateway.console;

import cn.jiesu.core.console.AgentState;
import cn.jiesu.core.console.AgentStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The one place that decides an agent's state, from what Asterisk says of their queue membership and what the
 * agent asks for; pure, so every instance that sees the same facts decides the same. Asterisk is the truth: a pause
 * made anywhere shows as paused (with Asterisk's reason) unless it is our own wrap-up, an unpause as ready, a call at
 * the device as on call. The console's own choices go to Asterisk first and come back the same way.
 */
final class AgentStateRules {
    /** The pause reason of the console's wrap-up (QueuePause Reason), known again when Asterisk reports it. */
    static final String WRAP_UP_REASON = "wrap-up";

    private AgentStateRules() {}

    /**
     * The agent's next recorded state after Asterisk reported {@code member}, or null to keep {@code recorded}.
     *
     * @param recorded the agent's recorded state (null: none yet)
     * @param limit    the wrap-up limit ({@code console.wrap-up.limit}; zero: no deadline)
     */
    static AgentStatus observed(AgentStatus recorded, AsteriskMember member, String ext, Instant now, Duration limit) {
        AgentState was = recorded == null ? null : recorded.state();
        Instant seenAt = recorded == null ? null : recorded.seenAt();
        return switch (member.seen()) {
            case ON_CALL -> was == AgentState.ON_CALL ? null : new AgentStatus(ext, AgentState.ON_CALL, now, seenAt);
            // Our wrap-up pause: keep the deadline it has; one seen first in Asterisk (the instance that paused
            // has not recorded it yet, or restarted before it could) gets a deadline from now.
            case WRAP_UP -> was == AgentState.WRAP_UP ? null : wrapUp(ext, now, seenAt, limit);
            case PAUSED ->
                was == AgentState.PAUSED && Objects.equals(recorded.reason(), member.pausedReason())
                        ? null
                        : new AgentStatus(ext, AgentState.PAUSED, now, seenAt, null, member.pausedReason());
            case READY -> was == AgentState.READY ? null : new AgentStatus(ext, AgentState.READY, now, seenAt);
            // A device gone or a member removed says nothing about the agent's choice: keep it.
            case UNAVAILABLE, ABSENT -> null;
        };
    }

    /** A wrap-up starting {@code now}, ending by itself after {@code limit} (zero: no deadline). */
    static AgentStatus wrapUp(String ext, Instant now, Instant seenAt, Duration limit) {
        return new AgentStatus(
                ext, AgentState.WRAP_UP, now, seenAt, limit.isZero() ? null : now.plus(limit), WRAP_UP_REASON);
    }

    /**
     * Why the agent may not choose {@code wanted} now, or null when they may: only ready and paused are chosen
     * (on call is observed, wrap-up follows a call, offline is derived), and nothing while on a call (the agent
     * cannot click ready to leave a call that Asterisk still has).
     */
    static String refusal(AgentStatus recorded, AgentState wanted) {
        if (!wanted.chosen()) {
            return "state: " + wanted + " is not chosen by the agent (only READY or PAUSED)";
        }
        if (recorded != null && recorded.state() == AgentState.ON_CALL) {
            return "state: the agent is on a call";
        }
        return null;
    }

    /** Seconds left of a wrap-up at {@code now} (rounded up, never negative), or null without a deadline. */
    static Long remainingSeconds(AgentStatus s, Instant now) {
        if (s.state() != AgentState.WRAP_UP || s.until() == null) {
            return null;
        }
        long ms = Duration.between(now, s.until()).toMillis();
        return ms <= 0 ? 0L : (ms + 999) / 1000;
    }
}
