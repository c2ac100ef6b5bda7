package cn.jiesu.core.console;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Carries {@link ConsoleNotice}s to every gateway instance sharing the deployment's Redis (Pub/Sub in production).
 * Delivery is best effort: a notice lost while an instance is disconnected is not retried, because a pop stays
 * pending in the shared store and is replayed when the browser reconnects. Thread-safe.
 */
public interface ConsoleFanout extends AutoCloseable {

    /** Sends {@code notice} to the other instances; never blocks, never throws (failures are logged). */
    void publish(ConsoleNotice notice);

    /**
     * Starts delivering other instances' notices to {@code listener}, on a thread of the fan-out's own (hop to your
     * context). Call once; completes when the subscription is in place.
     */
    CompletionStage<Void> subscribe(Consumer<ConsoleNotice> listener);

    /** Stops delivering. */
    @Override
    void close();

    /** A single instance: nothing to fan out. */
    static ConsoleFanout none() {
        return new ConsoleFanout() {
            @Override
            public void publish(ConsoleNotice notice) {}

            @Override
            public CompletionStage<Void> subscribe(Consumer<ConsoleNotice> listener) {
                return CompletableFuture.completedStage(null);
            }

            @Override
            public void close() {}
        };
    }
}
