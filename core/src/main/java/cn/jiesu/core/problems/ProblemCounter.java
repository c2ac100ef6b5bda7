package cn.jiesu.core.problems;

import cn.jiesu.core.intake.Intake;
import java.time.ZoneId;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The intake stream's {@code problems} consumer: counts each appeal with a triage topic in its local month, under its
 * topics and place. Idempotent, as the at-least-once stream requires (the store counts an appeal once). Appeals
 * without a topic (phone calls before an agent's form, texts no rule matched) are not counted.
 */
public final class ProblemCounter {
    private final ProblemStore store;
    private final ZoneId zone;

    public ProblemCounter(ProblemStore store, ZoneId zone) {
        this.store = store;
        this.zone = zone;
    }

    /** Completes once the appeal is stored (or had nothing to count); then its entry may be acknowledged. */
    public CompletionStage<Void> handle(Intake in) {
        ProblemAppeal appeal = ProblemAppeal.of(in, zone);
        if (appeal.keys().isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return store.count(appeal).thenApply(counted -> null);
    }
}
