package cn.jiesu.ivr.ami;

/**
 * How an async Originate ended, from OriginateResponse's Response and Reason (Asterisk's control frame codes; seen
 * on Asterisk 22: answer Success/4, busy Failure/5, no answer Failure/3, congestion Failure/8).
 */
public enum OriginateOutcome {
    /** Success, Reason 4: the callee answered and the call runs in the dialplan. */
    ANSWERED,
    /** Reason 5. */
    BUSY,
    /** Reason 3: it rang until the Originate Timeout. */
    NO_ANSWER,
    /** Reason 8: network or trunk congestion. */
    CONGESTION,
    /** Reason 1: the callee hung up (rejected) before answering. */
    HUNG_UP,
    /** Reason 0 or anything else: the channel could not be created or dialled. */
    FAILED,
    /** Asterisk refused the action (Response: Error), e.g. an unknown channel technology. */
    REJECTED,
    /** No OriginateResponse: the AMI session dropped or the wait timed out; the call may have happened. */
    UNKNOWN;

    public static OriginateOutcome of(boolean success, int reason) {
        if (success) {
            return ANSWERED;
        }
        return switch (reason) {
            case 4 -> ANSWERED;
            case 5 -> BUSY;
            case 3 -> NO_ANSWER;
            case 8 -> CONGESTION;
            case 1 -> HUNG_UP;
            default -> FAILED;
        };
    }

    /** Worth another attempt later (the callee exists but did not take the call now). */
    public boolean retriable() {
        return this == BUSY || this == NO_ANSWER || this == CONGESTION || this == HUNG_UP || this == UNKNOWN;
    }
}
