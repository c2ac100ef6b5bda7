package cn.jiesu.core.console;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Accounts from config first, then from a second directory (Redis): config wins so an operator can override. */
public final class AgentAccounts implements AgentDirectory {
    private final Map<String, AgentAccount> configured;
    private final AgentDirectory fallback;

    public AgentAccounts(Map<String, AgentAccount> configured, AgentDirectory fallback) {
        this.configured = Map.copyOf(configured);
        this.fallback = fallback;
    }

    @Override
    public CompletionStage<Optional<AgentAccount>> find(String ext) {
        AgentAccount a = configured.get(ext);
        return a != null ? CompletableFuture.completedStage(Optional.of(a)) : fallback.find(ext);
    }
}
