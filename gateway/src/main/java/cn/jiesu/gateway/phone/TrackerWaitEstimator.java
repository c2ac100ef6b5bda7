package cn.jiesu.gateway.phone;

import cn.jiesu.ivr.call.CallTracker;
import cn.jiesu.ivr.call.QueueWait;
import cn.jiesu.ivr.flow.WaitEstimator;
import java.time.Clock;
import java.time.Duration;

/**
 * Estimates a new caller's wait from what the call tracker sees now: the longest current wait in the queue, a
 * conservative proxy that needs no handle-time statistics. Reads the tracker's published board: thread-safe.
 */
public final class TrackerWaitEstimator implements WaitEstimator {
    private final CallTracker tracker;
    private final Clock clock;

    public TrackerWaitEstimator(CallTracker tracker, Clock clock) {
        this.tracker = tracker;
        this.clock = clock;
    }

    @Override
    public Duration estimatedWait(String queue) {
        QueueWait wait = tracker.board().queues().get(queue);
        if (wait == null || wait.waiting() == 0) {
            return Duration.ZERO;
        }
        return Duration.ofSeconds(wait.longestWaitSeconds(clock.instant()));
    }
}
