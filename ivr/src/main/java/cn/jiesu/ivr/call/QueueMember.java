package cn.jiesu.ivr.call;

import java.util.Objects;

/**
 * One member (agent) of one Asterisk queue, as AMI last described it.
 *
 * @param queue           the Asterisk queue name ({@code hotline-general})
 * @param memberInterface the member's interface, its identity in the queue ({@code Local/8001@agent-sim/n})
 * @param deviceStatus    app_queue's device state: 0 unknown, 1 not in use, 2 in use, 3 busy, 4 invalid,
 *                        5 unavailable, 6 ringing, 7 ringing while in use, 8 on hold
 * @param inCall          app_queue counts the member as on a queue call (Asterisk's {@code InCall})
 * @param pausedReason    Asterisk's {@code PausedReason} ({@code wrap-up} when the console paused the agent after a
 *                        call), or null
 */
public record QueueMember(
        String queue, String memberInterface, boolean paused, int deviceStatus, boolean inCall, String pausedReason) {
    public QueueMember {
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(memberInterface, "memberInterface");
    }

    public QueueMember(String queue, String memberInterface, boolean paused, int deviceStatus, boolean inCall) {
        this(queue, memberInterface, paused, deviceStatus, inCall, null);
    }

    /**
     * The agent's state as Asterisk sees it, for the wallboard: {@code on_call} (on a queue call, or the device in
     * use, busy, ringing or on hold), else {@code wrap_up} (paused with reason {@code wrap-up}), {@code paused},
     * {@code unavailable} (device invalid or unavailable) or {@code ready}.
     */
    public String wallboardState() {
        if (inCall || deviceStatus == 2 || deviceStatus == 3 || deviceStatus >= 6) {
            return "on_call";
        }
        if (paused) {
            return "wrap-up".equalsIgnoreCase(pausedReason) ? "wrap_up" : "paused";
        }
        return deviceStatus == 4 || deviceStatus == 5 ? "unavailable" : "ready";
    }

    /**
     * Free to take a call now: logged in (a member at all), not paused, not on a call, and its device idle.
     * Unknown device state counts as idle, as app_queue itself rings such members.
     */
    public boolean free() {
        return !paused && !inCall && (deviceStatus == 0 || deviceStatus == 1);
    }
}
