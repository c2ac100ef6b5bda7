package cn.jiesu.ivr.call;

import java.time.Duration;
import java.time.Instant;

/**
 * Wallboard line of one queue: how many callers wait and since when the longest-waiting one does.
 *
 * @param oldestSince when the longest-waiting caller joined, or null when nobody waits
 */
public record QueueWait(String queue, int waiting, Instant oldestSince) {

    /** Seconds the longest-waiting caller has waited at {@code now}; 0 when nobody waits. */
    public long longestWaitSeconds(Instant now) {
        return oldestSince == null
                ? 0
                : Math.max(0, Duration.between(oldestSince, now).toSeconds());
    }
}
