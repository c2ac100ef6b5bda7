package cn.jiesu.core.console;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** Agents' states and presence, shared by every gateway instance. Thread-safe, non-blocking. */
public interface AgentStateStore {

    CompletionStage<Void> put(String ext, AgentState state, Instant since);

    /** Records that this instance holds a live console socket of each of {@code exts}. */
    CompletionStage<Void> seen(Iterable<String> exts, Instant at);

    CompletionStage<Map<String, AgentStatus>> all();
}
