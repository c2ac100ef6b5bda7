package cn.jiesu.gateway.console;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Pauses and unpauses an agent's queue membership (AMI {@code QueuePause} on every queue). The gateway wires it to
 * the AMI connector's {@code pauseQueueMember}. Thread-safe, non-blocking; a failed stage means Asterisk did not
 * confirm.
 */
@FunctionalInterface
public interface QueueControl {

    /**
     * @param memberInterface the member's interface in queues.conf, e.g. {@code Local/8001@agent-sim/n}
     * @param reason          shown in queue logs ({@code break}, {@code wrap-up})
     */
    CompletionStage<Void> pause(String memberInterface, boolean paused, String reason);

    /**
     * Whether a pause here reaches Asterisk. An instance without AMI must not end wrap-ups: it could not unpause
     * the agent, and Asterisk, still pausing them for wrap-up, would put them back in it.
     */
    default boolean reachesAsterisk() {
        return true;
    }

    /** For a gateway without AMI: states are recorded and shown, no queue is told. */
    static QueueControl none() {
        return new QueueControl() {
            @Override
            public CompletionStage<Void> pause(String member, boolean paused, String reason) {
                return CompletableFuture.completedStage(null);
            }

            @Override
            public boolean reachesAsterisk() {
                return false;
            }
        };
    }
}
