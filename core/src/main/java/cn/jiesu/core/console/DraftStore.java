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

    CompletionStage<Void> remove(String linkedid);
}
