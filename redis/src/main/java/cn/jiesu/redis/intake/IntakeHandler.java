package cn.jiesu.redis.intake;

import java.util.concurrent.CompletionStage;

/**
 * What a consumer group does with each intake. The entry is acknowledged only after the returned stage completes
 * normally; a failed stage (or a thrown exception) leaves it pending for redelivery.
 *
 * <p>Delivery is at-least-once: after a failure, a timeout or a consumer crash the same entry comes again, possibly
 * to another process, so handlers must be idempotent on {@code intakeId}. {@link #handle} is called on the
 * consumer's own (virtual) thread, one entry after another; it should start its work and return, not block. The
 * consumer waits for all stages of a batch (at most {@code redis.reclaim-idle-ms}) before reading the next one.
 */
@FunctionalInterface
public interface IntakeHandler {
    CompletionStage<Void> handle(IntakeEntry entry);

    /**
     * Called on the consumer's thread after every entry of a batch was handed to {@link #handle}, before the
     * consumer waits for their stages: a handler that buffers work (the hotspot detector's write-behind) completes
     * the batch's stages here. A thrown exception is logged; the stages decide what is acknowledged.
     */
    default void endOfBatch() {}
}
