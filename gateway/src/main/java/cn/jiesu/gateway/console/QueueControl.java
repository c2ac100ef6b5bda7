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

    /** For a gateway without AMI: states are recorded and shown, no queue is told. */
    static QueueControl none() {
        return (member, paused, reason) -> CompletableFuture.completedStage(null);
    }
}
