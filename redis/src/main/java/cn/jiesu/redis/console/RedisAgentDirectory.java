package cn.jiesu.redis.console;

import cn.jiesu.core.console.AgentAccount;
import cn.jiesu.core.console.AgentDirectory;
import cn.jiesu.core.console.Role;
import cn.jiesu.redis.RedisClients;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounts kept in Redis ({@code console:account:<ext>} hash: {@code password-hash}, {@code role}, {@code name}),
 * for centres that provision agents without a config change. A malformed entry is logged and treated as absent.
 */
public final class RedisAgentDirectory implements AgentDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(RedisAgentDirectory.class);

    private final RedisClients clients;
    private final ConsoleKeys keys;

    public RedisAgentDirectory(RedisClients clients, ConsoleKeys keys) {
        this.clients = clients;
        this.keys = keys;
    }

    @Override
    public CompletionStage<Optional<AgentAccount>> find(String ext) {
        return clients.failures().settle(clients.shared().async().hgetall(keys.account(ext))
                .thenApply(f -> decode(ext, f)));
    }

    private static Optional<AgentAccount> decode(String ext, Map<String, String> f) {
        if (f == null || f.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new AgentAccount(ext, f.get("name"), Role.parse(f.getOrDefault("role", "agent")),
                    f.get("password-hash")));
        } catch (IllegalArgumentException e) {
            LOG.warn("console account {} in Redis is malformed: {}", ext, e.getMessage());
            return Optional.empty();
        }
    }
}
