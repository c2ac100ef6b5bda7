package cn.jiesu.core.callback;

import java.time.Instant;
import java.util.Objects;

/**
 * One dial attempt in a callback's history.
 *
 * @param number    1-based attempt number; the AMI ChannelId is {@link CallbackAttempt#channelIdOf}
 * @param outcome   how it ended, or null when a reclaimer proved that it never started (it then does not count
 *                  against the retry budget)
 * @param claimedAt when the scheduler claimed it (the lease began)
 * @param endedAt   when the outcome was recorded
 * @param instance  the scheduler instance that placed it
 */
public record AttemptRecord(int number, CallbackOutcome outcome, Instant claimedAt, Instant endedAt, String instance) {
    public AttemptRecord {
        if (number < 1) {
            throw new IllegalArgumentException("attempt number: must be >= 1, was " + number);
        }
        Objects.requireNonNull(endedAt, "endedAt");
    }

    /** False for an attempt that a reclaimer found never reached the telephony side. */
    public boolean started() {
        return outcome != null;
    }
}
