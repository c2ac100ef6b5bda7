package cn.jiesu.ivr.flow;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a caller joining a queue would wait, for the callback offer. The gateway implements it from the AMI
 * call tracker. Called on FastAGI session threads, concurrently: implementations are thread-safe and answer from
 * memory, without I/O.
 */
@FunctionalInterface
public interface WaitEstimator {

    /** No wait at all: the callback offer is never made. */
    WaitEstimator ZERO = fixed(Duration.ZERO);

    /**
     * @param queue the IVR's queue name ({@code priority}, {@code general}), as in {@code JIESU_QUEUE}
     * @return the estimated wait, never null
     */
    Duration estimatedWait(String queue);

    /** The same estimate for every queue. */
    static WaitEstimator fixed(Duration wait) {
        Objects.requireNonNull(wait, "wait");
        return queue -> wait;
    }
}
