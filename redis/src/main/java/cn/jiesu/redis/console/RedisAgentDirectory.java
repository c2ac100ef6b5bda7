package cn.jiesu.redis.console;

import cn.jiesu.core.console.AgentAccount;
import cn.jiesu.core.console.AgentDirectory;
import cn.jiesu.core.console.Role;
import cn.jiesu.redis.LuaScript;
import cn.jiesu.redis.RedisClients;
import io.lettuce.core.ScriptOutputType;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounts kept in Redis ({@code console:account:<ext>} hash: {@code password-hash}, {@code role}, {@code name}),
 * for centres that provision agents without a config change. A malformed entry is logged and treated as absent. A
 * sign-in rewrites {@code password-hash} with a stronger hash of the same password when it was made with fewer
 * iterations than the current default.
 */
public final class RedisAgentDirectory implements AgentDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(RedisAgentDirectory.class);
    private static final LuaScript UPGRADE = LuaScript.load(RedisAgentDirectory.class, "upgrade-hash.lua");

    private final RedisClients clients;
    private final ConsoleKeys keys;

    public RedisAgentDirectory(RedisClients clients, ConsoleKeys keys) {
        this.clients = clients;
        this.keys = keys;
    }

    @Override
    public CompletionStage<Optional<AgentAccount>> find(String ext) {
        return clients.failures()
                .settle(clients.shared().async().hgetall(keys.account(ext)).thenApply(f -> decode(ext, f)));
    }

    @Override
    public CompletionStage<Boolean> upgrade(AgentAccount account, String upgraded) {
        CompletionStage<Long> run = UPGRADE.run(
                clients.shared().async(),
                ScriptOutputType.INTEGER,
                new String[] {keys.account(account.ext())},
                account.passwordHash(),
                upgraded);
        return clients.failures().settle(run.thenApply(n -> n == 1L));
    }

    private static Optional<AgentAccount> decode(String ext, Map<String, String> f) {
        if (f == null || f.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new AgentAccount(
                    ext, f.get("name"), Role.parse(f.getOrDefault("role", "agent")), f.get("password-hash")));
        } catch (IllegalArgumentException e) {
            LOG.warn("console account {} in Redis is malformed: {}", ext, e.getMessage());
            return Optional.empty();
        }
    }
}
