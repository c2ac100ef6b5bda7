package cn.jiesu.gateway.console;

import cn.jiesu.core.callback.CallbackOutcome;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Click-to-call: rings the agent's own endpoint and, once answered, dials the citizen (AMI {@code Originate} from
 * the agent's endpoint, async, correlated by ActionID). Completes with the outcome of the citizen leg
 * ({@link CallbackOutcome#fromOriginate}). Thread-safe, non-blocking.
 */
@FunctionalInterface
public interface AgentDialer {

    CompletionStage<CallbackOutcome> dial(String agentExt, String number);

    /** For a gateway without AMI: every dial fails, and the console says so. */
    static AgentDialer unavailable() {
        return (ext, number) -> CompletableFuture.failedStage(new UnsupportedOperationException(
                "click-to-call needs the AMI connector"));
    }
}
