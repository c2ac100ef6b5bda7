package cn.jiesu.redis.console;

import cn.jiesu.core.console.DraftStore;
import cn.jiesu.redis.RedisClients;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** {@link DraftStore} on Redis: a hash per call's form and a sorted set of calls with a form, by save time. */
public final class RedisDraftStore implements DraftStore {
    private final RedisClients clients;
    private final ConsoleKeys keys;
    private final Clock clock;

    public RedisDraftStore(RedisClients clients, ConsoleKeys keys, Clock clock) {
        this.clients = clients;
        this.keys = keys;
        this.clock = clock;
    }

    @Override
    public CompletionStage<Void> save(String linkedid, Map<String, String> fields, Duration ttl) {
        String key = keys.draft(linkedid);
        RedisAsyncCommands<String, String> c = c();
        // DEL first: a second save replaces the form (a cleared address must not survive from the first).
        return settle(c.del(key)
                .thenCompose(n -> c.hset(key, fields))
                .thenCompose(n -> c.pexpire(key, ttl.toMillis()))
                .thenCompose(ok -> c.zadd(keys.drafts(), clock.millis(), linkedid))
                .thenApply(n -> null));
    }

    @Override
    public CompletionStage<Map<String, String>> get(String linkedid) {
        return settle(c().hgetall(keys.draft(linkedid)).thenApply(m -> m == null ? Map.of() : Map.copyOf(m)));
    }

    @Override
    public CompletionStage<List<String>> waiting(int limit) {
        return settle(c().zrange(keys.drafts(), 0, limit - 1L));
    }

    @Override
    public CompletionStage<Void> remove(String linkedid) {
        RedisAsyncCommands<String, String> c = c();
        return settle(c.zrem(keys.drafts(), linkedid)
                .thenCompose(n -> c.del(keys.draft(linkedid)))
                .thenApply(n -> null));
    }

    @Override
    public CompletionStage<Void> merged(String linkedid, Duration keep) {
        RedisAsyncCommands<String, String> c = c();
        // The marker first: a reader never finds neither the draft nor the marker.
        return settle(c.set(keys.draftMerged(linkedid), "1", SetArgs.Builder.px(keep.toMillis()))
                .thenCompose(ok -> c.zrem(keys.drafts(), linkedid))
                .thenCompose(n -> c.del(keys.draft(linkedid)))
                .thenApply(n -> null));
    }

    @Override
    public CompletionStage<Boolean> wasMerged(String linkedid) {
        return settle(c().exists(keys.draftMerged(linkedid)).thenApply(n -> n != null && n > 0));
    }

    private RedisAsyncCommands<String, String> c() {
        return clients.shared().async();
    }

    private <T> CompletionStage<T> settle(CompletionStage<T> stage) {
        return clients.failures().settle(stage);
    }
}
