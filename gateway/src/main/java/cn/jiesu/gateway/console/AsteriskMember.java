package cn.jiesu.gateway.console;

import java.util.Objects;

/**
 * One agent's queue membership as Asterisk sees it now (over all its queues, the most engaged state first), as the
 * call tracker reports it through {@link QueueMemberEvents}.
 *
 * @param memberInterface the member's interface ({@code Local/8001@agent-sim/n}); {@link ConsoleConfig#extOf} names
 *                        the agent
 * @param pausedReason    Asterisk's pause reason when {@link Seen#PAUSED} or {@link Seen#WRAP_UP}, else null
 */
public record AsteriskMember(String memberInterface, Seen seen, String pausedReason) {
    public AsteriskMember {
        Objects.requireNonNull(memberInterface, "memberInterface");
        Objects.requireNonNull(seen, "seen");
        pausedReason = pausedReason == null || pausedReason.isBlank() ? null : pausedReason.trim();
    }

    /** What Asterisk says of the member. */
    public enum Seen {
        /** In a queue call, or its device in use, busy, ringing or on hold. */
        ON_CALL,
        /** Paused with the reason {@code wrap-up} (the console's own pause after a call). */
        WRAP_UP,
        /** Paused for any other reason, by anyone (the console's 暂停, a supervisor's QueuePause, the CLI). */
        PAUSED,
        /** Not paused, device idle: takes calls. */
        READY,
        /** Its device is unavailable or invalid (a softphone not registered). */
        UNAVAILABLE,
        /** A member of no queue any more. */
        ABSENT
    }
}
