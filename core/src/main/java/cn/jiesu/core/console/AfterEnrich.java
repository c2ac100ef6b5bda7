package cn.jiesu.core.console;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A {@link CallAppeals} that forwards to another and does something more after each enrichment that saved: what the
 * console's decorators (placing, the cross-channel merge, the hotspot count) have in common. The agent's save is
 * answered when {@link #enriched} completes, so work the save need not wait for runs in the background and the
 * stage returned is {@link #DONE}. A failure of that work goes to {@link #failed} and never fails the save: the
 * agent's text is stored either way.
 */
public abstract class AfterEnrich implements CallAppeals {
    /** What {@link #enriched} returns when the save need not wait. */
    protected static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);

    private final CallAppeals delegate;

    protected AfterEnrich(CallAppeals delegate) {
        this.delegate = delegate;
    }

    /** The appeals this one forwards to: an enrichment written through it runs none of this one's work again. */
    protected final CallAppeals delegate() {
        return delegate;
    }

    @Override
    public final CompletionStage<Optional<String>> intakeIdOf(String linkedid) {
        return delegate.intakeIdOf(linkedid);
    }

    @Override
    public final CompletionStage<String> reserveAppealNo(String linkedid, Duration ttl) {
        return delegate.reserveAppealNo(linkedid, ttl);
    }

    @Override
    public final CompletionStage<Boolean> enrich(String intakeId, Map<String, String> fields) {
        return delegate.enrich(intakeId, fields).thenCompose(saved -> {
            if (!Boolean.TRUE.equals(saved)) {
                return CompletableFuture.completedFuture(saved);
            }
            CompletionStage<Void> after;
            try {
                after = enriched(intakeId, fields);
            } catch (RuntimeException e) {
                after = CompletableFuture.failedFuture(e);
            }
            return after.handle((v, e) -> {
                if (e != null) {
                    failed(intakeId, e);
                }
                return true;
            });
        });
    }

    /** Runs once {@code fields} are saved onto appeal {@code intakeId}; the save is answered when it completes. */
    protected abstract CompletionStage<Void> enriched(String intakeId, Map<String, String> fields);

    /** Reports a failure of {@link #enriched} (or of the background work it started). */
    protected abstract void failed(String intakeId, Throwable e);
}
