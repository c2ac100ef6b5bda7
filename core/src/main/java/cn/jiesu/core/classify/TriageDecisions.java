package cn.jiesu.core.classify;

import java.time.Instant;
import java.util.concurrent.CompletionStage;

/** Where an agent's confirmation or correction of triage is recorded (the appeal, the review list, the corpus). */
public interface TriageDecisions {

    /** Applies {@code correction} with the deadline of its tier; false when there is no such appeal. */
    CompletionStage<Boolean> confirm(TriageCorrection correction, Instant dueAt);
}
