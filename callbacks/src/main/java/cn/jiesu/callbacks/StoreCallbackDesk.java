package cn.jiesu.callbacks;

import cn.jiesu.core.callback.CallbackOutcome;
import cn.jiesu.core.callback.CallbackRequest;
import cn.jiesu.core.callback.CallbackStore;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The agent console's {@link CallbackDesk} on the callback store: open callbacks by number, agents' attempts. */
public final class StoreCallbackDesk implements CallbackDesk {
    private final CallbackStore callbacks;
    private final Runnable wake;

    /** @param wake wakes this instance's scheduler (an agent's busy attempt moves the next automatic one) */
    public StoreCallbackDesk(CallbackStore callbacks, Runnable wake) {
        this.callbacks = callbacks;
        this.wake = wake;
    }

    @Override
    public CompletionStage<List<CallbackRequest>> openFor(String phone) {
        return callbacks.openByPhone(phone);
    }

    @Override
    public CompletionStage<Optional<CallbackRequest>> get(String callbackId) {
        return callbacks.get(callbackId);
    }

    /** Fails with NoSuchElementException when the callback is not open (closed meanwhile, or unknown). */
    @Override
    public CompletionStage<Void> agentAttempt(String callbackId, String agentExt, CallbackOutcome outcome, Instant at) {
        return callbacks.agentAttempt(callbackId, agentExt, outcome, at).thenCompose(status -> {
            if (status.isEmpty()) {
                return CompletableFuture.failedStage(new NoSuchElementException("no open callback " + callbackId));
            }
            wake.run();
            return CompletableFuture.completedStage(null);
        });
    }
}
