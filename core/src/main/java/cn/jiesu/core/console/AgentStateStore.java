package cn.jiesu.core.console;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** Agents' states and presence, shared by every gateway instance. Thread-safe, non-blocking. */
public interface AgentStateStore {

    default CompletionStage<Void> put(String ext, AgentState state, Instant since) {
        return put(ext, state, since, null, null);
    }

    /**
     * Records the agent's state with its wrap-up deadline ({@code until}, null for none) and reason (may be null):
     * the deadline lives with the state, so any instance, or one restarted, can end an overdue wrap-up.
     */
    CompletionStage<Void> put(String ext, AgentState state, Instant since, Instant until, String reason);

    /** Records that this instance holds a live console socket of each of {@code exts}. */
    CompletionStage<Void> seen(Iterable<String> exts, Instant at);

    CompletionStage<Map<String, AgentStatus>> all();

    /** One agent's recorded state, or null when never recorded: what {@link #all()} holds for {@code ext}. */
    CompletionStage<AgentStatus> get(String ext);
}
