package cn.jiesu.core.appeal;

import cn.jiesu.core.intake.Intake;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Where appeals are kept: the one intake queue plus its lookups. Implementations complete the stages off the
 * caller's thread and never block; a failed stage means nothing was acknowledged.
 */
public interface AppealStore {

    /**
     * Appends exactly once per {@link Intake#dedupeKey()}: a repeat within the dedupe window returns the first
     * append's ids with {@code duplicate = true} and writes nothing.
     */
    CompletionStage<AppendResult> append(Intake intake);

    CompletionStage<Optional<AppealRecord>> byId(String intakeId);

    /** By the short number read to citizens. */
    CompletionStage<Optional<AppealRecord>> byAppealNo(String appealNo);

    /**
     * By what a caller of {@code /api/v1/intakes/{id}…} may put in the path: an appeal number (all ASCII digits,
     * what citizens and agents read out) or an intake id. Every route under one appeal looks it up this way, so a
     * number that reads an appeal also books its callback, reports its resolution and confirms its triage.
     */
    default CompletionStage<Optional<AppealRecord>> byIdOrAppealNo(String id) {
        return isAppealNo(id) ? byAppealNo(id) : byId(id);
    }

    /** Whether {@code id} has the form of an appeal number (digits only) rather than an intake id. */
    static boolean isAppealNo(String id) {
        return id != null && !id.isEmpty() && id.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** Appeals whose citizen phone or caller number is {@code phone} (normalized), newest first. */
    CompletionStage<List<AppealRecord>> byPhone(String phone, int limit);

    /** Moves an appeal to {@code status}; false when no such appeal. */
    CompletionStage<Boolean> updateStatus(String intakeId, AppealStatus status, Instant at);
}
