package cn.jiesu.redis.console;

import cn.jiesu.core.console.ConsoleSession;
import cn.jiesu.core.console.Role;
import cn.jiesu.core.console.SessionStore;
import cn.jiesu.redis.RedisClients;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** {@link SessionStore} on Redis: a hash per session with a sliding TTL. */
public final class RedisSessionStore implements SessionStore {
    private final RedisClients clients;
    private final ConsoleKeys keys;

    public RedisSessionStore(RedisClients clients, ConsoleKeys keys) {
        this.clients = clients;
        this.keys = keys;
    }

    @Override
    public CompletionStage<Void> create(String tokenHash, ConsoleSession s, Duration idle) {
        String key = keys.session(tokenHash);
        Map<String, String> fields = Map.of(
                "ext",
                s.ext(),
                "name",
                s.name(),
                "role",
                s.role().name(),
                "csrf",
                s.csrf(),
                "createdAt",
                s.createdAt().toString());
        RedisAsyncCommands<String, String> c = c();
        return settle(c.hset(key, fields)
                .thenCompose(n -> c.pexpire(key, idle.toMillis()))
                .thenApply(ok -> null));
    }

    @Override
    public CompletionStage<Optional<ConsoleSession>> touch(String tokenHash, Duration idle) {
        String key = keys.session(tokenHash);
        RedisAsyncCommands<String, String> c = c();
        return settle(c.hgetall(key).thenCompose(f -> {
            if (f == null || f.isEmpty() || !f.containsKey("ext")) {
                return java.util.concurrent.CompletableFuture.completedStage(Optional.<ConsoleSession>empty());
            }
            ConsoleSession s = new ConsoleSession(
                    f.get("ext"),
                    f.get("name"),
                    Role.valueOf(f.get("role")),
                    f.get("csrf"),
                    Instant.parse(f.get("createdAt")));
            return c.pexpire(key, idle.toMillis()).thenApply(ok -> Optional.of(s));
        }));
    }

    @Override
    public CompletionStage<Void> delete(String tokenHash) {
        return settle(c().del(keys.session(tokenHash)).thenApply(n -> null));
    }

    private RedisAsyncCommands<String, String> c() {
        return clients.shared().async();
    }

    private <T> CompletionStage<T> settle(CompletionStage<T> stage) {
        return clients.failures().settle(stage);
    }
}
