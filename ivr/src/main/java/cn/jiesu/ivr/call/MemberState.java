package cn.jiesu.ivr.call;

import java.util.Objects;

/**
 * One agent (a queue member interface, over all its queues) as Asterisk sees it now: the state the wallboard counts
 * it in ({@link QueueMember#wallboardState()}, the most engaged of its queues) and, when that is a pause, Asterisk's
 * reason. The tracker publishes one each time an agent's state or reason changes, so the console can follow pauses
 * made anywhere (a supervisor's {@code QueuePause}, the CLI's {@code queue pause member}).
 *
 * @param memberInterface the member's interface, e.g. {@code Local/8001@agent-sim/n}
 * @param state           {@code on_call}, {@code wrap_up}, {@code paused}, {@code ready}, {@code unavailable}, or
 *                        {@code absent} once it is a member of no queue
 * @param pausedReason    Asterisk's {@code PausedReason} for {@code wrap_up} and {@code paused}, else null
 */
public record MemberState(String memberInterface, String state, String pausedReason) {
    public static final String ABSENT = "absent";

    public MemberState {
        Objects.requireNonNull(memberInterface, "memberInterface");
        Objects.requireNonNull(state, "state");
    }
}
