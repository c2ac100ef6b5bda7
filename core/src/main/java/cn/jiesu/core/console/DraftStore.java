package cn.jiesu.core.console;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Appeal forms an agent saved while the call was still up, keyed by the call's Linkedid, waiting for the tracker to
 * append the call's appeal. Shared by every gateway instance. Thread-safe, non-blocking.
 */
public interface DraftStore {

    /** Stores (replaces) the form of call {@code linkedid}; fields are intake codec fields. */
    CompletionStage<Void> save(String linkedid, Map<String, String> fields, Duration ttl);

    /** The saved form, or an empty map. */
    CompletionStage<Map<String, String>> get(String linkedid);

    /** Calls with a saved form, oldest save first. */
    CompletionStage<List<String>> waiting(int limit);

    /** Forgets the form (expired, or nothing to merge). */
    CompletionStage<Void> remove(String linkedid);

    /**
     * The form was merged into the call's appeal: forgets it and remembers for {@code keep} that it was merged, so
     * whichever instance settles the call's pops tells the agent so (a sweep elsewhere may merge it first).
     */
    CompletionStage<Void> merged(String linkedid, Duration keep);

    /** Whether a form of call {@code linkedid} was merged (within the {@code keep} of {@link #merged}). */
    CompletionStage<Boolean> wasMerged(String linkedid);
}
