package cn.jiesu.core.console;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Accounts from config first, then from a second directory (Redis): config wins so an operator can override. A
 * configured account's hash is replaced by its upgrade when one was made from it; when the upgrade cannot be
 * read (Redis down), the configured hash is used.
 */
public final class AgentAccounts implements AgentDirectory {
    private final Map<String, AgentAccount> configured;
    private final AgentDirectory fallback;
    private final UpgradedHashes upgrades;

    public AgentAccounts(Map<String, AgentAccount> configured, AgentDirectory fallback, UpgradedHashes upgrades) {
        this.configured = Map.copyOf(configured);
        this.fallback = fallback;
        this.upgrades = upgrades;
    }

    @Override
    public CompletionStage<Optional<AgentAccount>> find(String ext) {
        AgentAccount a = configured.get(ext);
        if (a == null) {
            return fallback.find(ext);
        }
        return upgrades.find(ext, a.passwordHash())
                .thenApply(up -> Optional.of(up.map(a::withHash).orElse(a)))
                .exceptionally(e -> Optional.of(a));
    }

    @Override
    public CompletionStage<Boolean> upgrade(AgentAccount account, String upgraded) {
        AgentAccount a = configured.get(account.ext());
        if (a == null) {
            return fallback.upgrade(account, upgraded);
        }
        // Keyed by the configured hash, not the one just verified (which may be an earlier upgrade of it).
        return upgrades.store(a.ext(), a.passwordHash(), upgraded).thenApply(v -> true);
    }
}
