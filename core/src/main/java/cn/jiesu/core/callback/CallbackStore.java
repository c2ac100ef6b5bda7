package cn.jiesu.core.callback;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The callback schedule as the API, the intake and the console see it (the storage port; Redis implements it):
 * creating and updating callbacks (one open callback per appeal and number) and the lookups. The scheduler's side is
 * {@link CallbackLeases}. Thread-safe, non-blocking; stages fail with
 * {@link cn.jiesu.core.appeal.AppealStoreException}s.
 */
public interface CallbackStore {

    /** What {@link #schedule} did. */
    record Scheduled(CallbackRequest callback, boolean created, boolean changed) {}

    /**
     * Creates the callback of a draft, or, when the appeal and number already have an open one, merges the draft
     * into it ({@link CallbackPlanner#merge}). Idempotent for a repeated draft.
     */
    CompletionStage<Scheduled> schedule(CallbackDraft draft);

    /**
     * Records an attempt an agent placed by hand (the console's click-to-call) on an open callback: ANSWERED closes
     * it as REACHED; otherwise the retry policy decides when the scheduler tries next (or that it is final). While
     * the scheduler is dialing it, the attempt is only recorded. Completes with the callback's status afterwards, or
     * empty when there is no such open callback.
     */
    CompletionStage<Optional<CallbackStatus>> agentAttempt(
            String callbackId, String agentExt, CallbackOutcome outcome, Instant at);

    CompletionStage<Optional<CallbackRequest>> get(String callbackId);

    /** Every callback of an appeal, open or not, oldest first. */
    CompletionStage<List<CallbackRequest>> byIntake(String intakeId);

    /** The open callbacks of a number, earliest placeBy first (the agent console's pop on an incoming call). */
    CompletionStage<List<CallbackRequest>> openByPhone(String phone);

    /** The callbacks the last forecast found at risk and still open, earliest placeBy first. */
    CompletionStage<List<CallbackRequest>> atRisk(int limit);

    /** Open callbacks (pending or dialing) across all instances. */
    CompletionStage<Long> openCount();
}
