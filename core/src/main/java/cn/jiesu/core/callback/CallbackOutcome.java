package cn.jiesu.core.callback;

/**
 * How one dial attempt ended. Only {@link #ANSWERED} counts as reaching the citizen: an answering machine or
 * voicemail picked up ({@link #MACHINE}) is a retry like busy.
 */
public enum CallbackOutcome {
    ANSWERED,
    BUSY,
    NO_ANSWER,
    CONGESTION,
    FAILED,
    MACHINE;

    /** True when a person was reached and the callback is done. */
    public boolean reached() {
        return this == ANSWERED;
    }

    /**
     * The outcome of an AMI {@code OriginateResponse}: {@code Response: Success} is ANSWERED; on failure the
     * {@code Reason} code (Asterisk 22: 5 busy, 3 no answer, 8 congestion) picks the outcome, anything else FAILED.
     */
    public static CallbackOutcome fromOriginate(boolean success, int reason) {
        if (success) {
            return ANSWERED;
        }
        return switch (reason) {
            case 5 -> BUSY;
            case 3 -> NO_ANSWER;
            case 8 -> CONGESTION;
            default -> FAILED;
        };
    }
}
