package cn.jiesu.core.console;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Finds console accounts by extension (config first, then Redis). Thread-safe, non-blocking. */
@FunctionalInterface
public interface AgentDirectory {
    CompletionStage<Optional<AgentAccount>> find(String ext);
}
