package cn.jiesu.callbacks;

import cn.jiesu.core.callback.CallbackOutcome;
import cn.jiesu.core.callback.CallbackRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The callbacks the console shows and updates: open callbacks for a caller's number, and the result of an agent's
 * click-to-call on one of them. {@link StoreCallbackDesk} serves it from the callback store. Thread-safe, non-blocking.
 */
public interface CallbackDesk {

    /** Open (pending or dialing) callbacks to {@code phone} (normalized digits), earliest deadline first. */
    CompletionStage<List<CallbackRequest>> openFor(String phone);

    /** One callback as it is now (open or closed), e.g. to show its attempt count after an agent's dial. */
    default CompletionStage<Optional<CallbackRequest>> get(String callbackId) {
        return CompletableFuture.completedStage(Optional.empty());
    }

    /** Records an attempt an agent placed by hand on {@code callbackId}; ANSWERED closes it as reached. */
    CompletionStage<Void> agentAttempt(String callbackId, String agentExt, CallbackOutcome outcome, Instant at);

    /**
     * Open callbacks from a lookup (e.g. the callback store's {@code openByPhone}); agents' attempts are not
     * recorded on the callback (the stage fails, and the console says the callback was not updated).
     */
    static CallbackDesk lookupOnly(java.util.function.Function<String, CompletionStage<List<CallbackRequest>>> open) {
        return new CallbackDesk() {
            @Override
            public CompletionStage<List<CallbackRequest>> openFor(String phone) {
                return open.apply(phone);
            }

            @Override
            public CompletionStage<Void> agentAttempt(
                    String callbackId, String agentExt, CallbackOutcome outcome, Instant at) {
                return CompletableFuture.failedStage(
                        new UnsupportedOperationException("the callback store records no agent attempts yet"));
            }
        };
    }

    /** For a gateway without the callback module: none open, attempts go nowhere. */
    static CallbackDesk none() {
        return new CallbackDesk() {
            @Override
            public CompletionStage<List<CallbackRequest>> openFor(String phone) {
                return CompletableFuture.completedStage(List.of());
            }

            @Override
            public CompletionStage<Void> agentAttempt(
                    String callbackId, String agentExt, CallbackOutcome outcome, Instant at) {
                return CompletableFuture.failedStage(new UnsupportedOperationException("callbacks are not wired"));
            }
        };
    }
}
