package cn.jiesu.core.console;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Finds console accounts by extension (config first, then Redis). Thread-safe, non-blocking. */
public interface AgentDirectory {
    CompletionStage<Optional<AgentAccount>> find(String ext);

    /**
     * Replaces {@code account}'s hash with {@code upgraded}, a stronger hash of the same password, unless the
     * account's hash changed meanwhile (an operator set a new password: that one wins). True when it was replaced.
     */
    CompletionStage<Boolean> upgrade(AgentAccount account, String upgraded);
}
