package cn.jiesu.gateway.console;

import cn.jiesu.callbacks.DialResult;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Click-to-call: rings the agent's own endpoint and, once answered, dials the citizen. Completes when the citizen
 * leg's result is known (answered, busy, no answer ...) or the call ended before the citizen was dialled.
 * Thread-safe, non-blocking.
 */
public interface AgentDialer {

    /** @param dialId names this dial (unique; it becomes part of the call's AMI ChannelId) */
    CompletionStage<DialResult> dial(String dialId, String agentExt, String number);

    /** False when dialling is impossible here (no AMI): the console answers 503 at once. */
    default boolean available() {
        return true;
    }

    /** For a gateway without AMI: every dial fails, and the console says so. */
    static AgentDialer unavailable() {
        return new AgentDialer() {
            @Override
            public CompletionStage<DialResult> dial(String dialId, String agentExt, String number) {
                return CompletableFuture.failedStage(
                        new UnsupportedOperationException("click-to-call needs the AMI connector"));
            }

            @Override
            public boolean available() {
                return false;
            }
        };
    }
}
