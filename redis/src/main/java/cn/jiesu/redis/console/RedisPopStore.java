package cn.jiesu.redis.console;

import cn.jiesu.core.console.PopState;
import cn.jiesu.core.console.PopStore;
import cn.jiesu.core.console.StoredPop;
import cn.jiesu.redis.LuaScript;
import cn.jiesu.redis.RedisClients;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@link PopStore} on Redis: a hash per pop, a sorted set of pending pop ids per agent, a set of pops per call.
 * Offers and call ends are Lua scripts, so concurrent instances seeing the same AMI events create one pop.
 */
public final class RedisPopStore implements PopStore {
    private static final LuaScript OFFER = LuaScript.load(RedisPopStore.class, "offer-pop.lua");
    private static final LuaScript END = LuaScript.load(RedisPopStore.class, "end-call.lua");
    private static final LuaScript REWRITE = LuaScript.load(RedisPopStore.class, "rewrite-pop.lua");

    private final RedisClients clients;
    private final ConsoleKeys keys;
    private final Clock clock;

    public RedisPopStore(RedisClients clients, ConsoleKeys keys, Clock clock) {
        this.clients = clients;
        this.keys = keys;
        this.clock = clock;
    }

    @Override
    public CompletionStage<Offered> offer(StoredPop pop, Duration ttl) {
        String[] k = {
            keys.pop(pop.popId()),
            keys.pending(pop.ext()),
            keys.callPops(pop.linkedid()),
            keys.callEnded(pop.linkedid()),
            keys.onCall(pop.ext())
        };
        CompletionStage<List<Object>> run = run(
                OFFER,
                ScriptOutputType.MULTI,
                k,
                pop.popId(),
                pop.ext(),
                pop.linkedid(),
                pop.state().name(),
                pop.body(),
                Long.toString(clock.millis()),
                Long.toString(ttl.toMillis()));
        return settle(run.thenApply(
                r -> new Offered((Long) r.get(0) == 1L, PopState.valueOf((String) r.get(1)), (Long) r.get(2) == 1L)));
    }

    @Override
    public CompletionStage<List<PopRef>> endCall(String linkedid, Duration ttl) {
        String[] k = {keys.callEnded(linkedid), keys.callPops(linkedid)};
        CompletionStage<List<Object>> run = run(
                END, ScriptOutputType.MULTI, k, Long.toString(ttl.toMillis()), keys.popPrefix(), keys.onCallPrefix());
        return settle(run.thenApply(members -> members.stream()
                .map(m -> {
                    String[] parts = ((String) m).split("\\|");
                    return new PopRef(parts[0], parts[1], PopState.valueOf(parts[2]));
                })
                .toList()));
    }

    @Override
    public CompletionStage<Boolean> ack(String ext, String popId) {
        RedisAsyncCommands<String, String> c = c();
        return settle(c.zrem(keys.pending(ext), popId)
                .thenCompose(n -> n == 0
                        ? CompletableFuture.completedStage(false)
                        : c.hset(keys.pop(popId), "acked", "1").thenApply(x -> true)));
    }

    @Override
    public CompletionStage<List<StoredPop>> pending(String ext) {
        RedisAsyncCommands<String, String> c = c();
        return settle(c.zrange(keys.pending(ext), 0, -1).thenCompose(ids -> {
            List<CompletableFuture<Optional<StoredPop>>> reads = new ArrayList<>();
            for (String id : ids) {
                reads.add(get(id).toCompletableFuture());
            }
            return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
                    .thenCompose(v -> {
                        List<StoredPop> out = new ArrayList<>();
                        List<String> gone = new ArrayList<>();
                        for (int i = 0; i < ids.size(); i++) {
                            Optional<StoredPop> pop = reads.get(i).join();
                            if (pop.isPresent()) {
                                out.add(pop.get());
                            } else {
                                gone.add(ids.get(i));
                            }
                        }
                        // A pop whose hash expired can no longer be shown: drop its id from the pending set.
                        return gone.isEmpty()
                                ? CompletableFuture.completedStage(out)
                                : c.zrem(keys.pending(ext), gone.toArray(String[]::new))
                                        .<List<StoredPop>>thenApply(n -> out);
                    });
        }));
    }

    @Override
    public CompletionStage<Boolean> rewrite(String popId, String body) {
        CompletionStage<Long> run = run(REWRITE, ScriptOutputType.INTEGER, new String[] {keys.pop(popId)}, body);
        return settle(run.thenApply(n -> n == 1L));
    }

    @Override
    public CompletionStage<Optional<String>> onCall(String ext) {
        RedisAsyncCommands<String, String> c = c();
        return settle(c.smembers(keys.onCall(ext)).thenCompose(ids -> {
            List<CompletableFuture<Optional<StoredPop>>> reads = new ArrayList<>();
            for (String id : ids) {
                reads.add(get(id).toCompletableFuture());
            }
            return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
                    .thenApply(v -> reads.stream()
                            .map(CompletableFuture::join)
                            .flatMap(Optional::stream)
                            .filter(p -> p.state() == PopState.CONNECTED)
                            .map(StoredPop::popId)
                            .findFirst());
        }));
    }

    @Override
    public CompletionStage<Optional<StoredPop>> get(String popId) {
        return settle(c().hgetall(keys.pop(popId)).thenApply(f -> decode(popId, f)));
    }

    private static Optional<StoredPop> decode(String popId, Map<String, String> f) {
        if (f == null || !f.containsKey("body")) {
            return Optional.empty();
        }
        return Optional.of(
                new StoredPop(popId, f.get("ext"), f.get("linkedid"), PopState.valueOf(f.get("state")), f.get("body")));
    }

    private <T> CompletionStage<T> run(LuaScript script, ScriptOutputType type, String[] k, String... args) {
        try {
            return script.run(c(), type, k, args);
        } catch (RuntimeException e) {
            return CompletableFuture.failedStage(e);
        }
    }

    private RedisAsyncCommands<String, String> c() {
        return clients.shared().async();
    }

    private <T> CompletionStage<T> settle(CompletionStage<T> stage) {
        return clients.failures().settle(stage);
    }
}
