package cn.jiesu.redis.console;

import cn.jiesu.core.console.AgentState;
import cn.jiesu.core.console.AgentStateStore;
import cn.jiesu.core.console.AgentStatus;
import cn.jiesu.redis.RedisClients;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@link AgentStateStore} on Redis: {@code agent-state} holds {@code STATE|since|until|reason} ({@code until} empty
 * when there is no wrap-up deadline; the reason last, as it may contain a bar; older {@code STATE|since} values still
 * read), {@code agent-seen} epoch ms.
 */
public final class RedisAgentStates implements AgentStateStore {
    private final RedisClients clients;
    private final ConsoleKeys keys;

    public RedisAgentStates(RedisClients clients, ConsoleKeys keys) {
        this.clients = clients;
        this.keys = keys;
    }

    @Override
    public CompletionStage<Void> put(String ext, AgentState state, Instant since, Instant until, String reason) {
        String value =
                state.name() + "|" + since + "|" + (until == null ? "" : until) + "|" + (reason == null ? "" : reason);
        return settle(c().hset(keys.agentState(), ext, value).thenApply(b -> null));
    }

    /** Reads one {@code agent-state} value (either layout). */
    static AgentStatus parse(String ext, String v, Instant seenAt) {
        String[] parts = v.split("\\|", 4);
        Instant until = parts.length > 2 && !parts[2].isEmpty() ? Instant.parse(parts[2]) : null;
        String reason = parts.length > 3 && !parts[3].isEmpty() ? parts[3] : null;
        return new AgentStatus(ext, AgentState.valueOf(parts[0]), Instant.parse(parts[1]), seenAt, until, reason);
    }

    @Override
    public CompletionStage<Void> seen(Iterable<String> exts, Instant at) {
        Map<String, String> values = new HashMap<>();
        exts.forEach(e -> values.put(e, Long.toString(at.toEpochMilli())));
        return values.isEmpty()
                ? CompletableFuture.completedStage(null)
                : settle(c().hset(keys.agentSeen(), values).thenApply(n -> null));
    }

    @Override
    public CompletionStage<Map<String, AgentStatus>> all() {
        RedisAsyncCommands<String, String> c = c();
        return settle(c.hgetall(keys.agentState()).thenCombine(c.hgetall(keys.agentSeen()), (states, seen) -> {
            Map<String, AgentStatus> out = new TreeMap<>();
            states.forEach((ext, v) -> {
                String at = seen.get(ext);
                Instant seenAt = at == null ? null : Instant.ofEpochMilli(Long.parseLong(at));
                out.put(ext, parse(ext, v, seenAt));
            });
            return out;
        }));
    }

    @Override
    public CompletionStage<AgentStatus> get(String ext) {
        RedisAsyncCommands<String, String> c = c();
        return settle(c.hget(keys.agentState(), ext).thenCombine(c.hget(keys.agentSeen(), ext), (v, at) -> {
            if (v == null) {
                return null;
            }
            return parse(ext, v, at == null ? null : Instant.ofEpochMilli(Long.parseLong(at)));
        }));
    }

    private RedisAsyncCommands<String, String> c() {
        return clients.shared().async();
    }

    private <T> CompletionStage<T> settle(CompletionStage<T> stage) {
        return clients.failures().settle(stage);
    }
}
