package cn.jiesu.callbacks;

import cn.jiesu.core.callback.CallbackStore;
import cn.jiesu.core.callback.CallbackTriggers;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.rates.RateScope;
import cn.jiesu.core.rates.RateStore;
import cn.jiesu.core.sla.SlaPolicy;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The intake stream's callback consumer: every new appeal is counted as received on its day (the ranking's volume)
 * and as due for 响应率 on its deadline's day, and gets
 * its callback when the creation rules say so (requested, abandoned call, return visit). Idempotent, as the
 * at-least-once stream requires: the rate event counts once per appeal, and a repeated draft merges into the open
 * callback without change. The composition root hands it each entry of its consumer group on the intake stream.
 */
public final class CallbackIntake {
    private final CallbackTriggers triggers;
    private final CallbackStore callbacks;
    private final RateStore rates;
    private final SlaPolicy sla;
    private final Runnable wake;

    public CallbackIntake(
            CallbackTriggers triggers, CallbackStore callbacks, RateStore rates, SlaPolicy sla, Runnable wake) {
        this.triggers = triggers;
        this.callbacks = callbacks;
        this.rates = rates;
        this.sla = sla;
        this.wake = wake;
    }

    /** Counts and schedules one appeal; the stage completes once both are stored (then the entry may be acked). */
    public CompletionStage<Void> handle(Intake in) {
        Instant dueAt = in.dueAt() != null ? in.dueAt() : sla.dueAt(in.urgency(), in.receivedAt());
        RateScope scope = RateScope.of(in);
        CompletionStage<Boolean> counted = rates.received(in.intakeId(), scope, in.receivedAt())
                .thenCompose(x -> rates.due(in.intakeId(), scope, dueAt));
        return counted.thenCompose(x -> triggers.forAppeal(in)
                .map(d -> callbacks.schedule(d).thenAccept(s -> {
                    if (s.changed()) {
                        wake.run();
                    }
                }))
                .orElseGet(() -> CompletableFuture.completedFuture(null)));
    }
}
