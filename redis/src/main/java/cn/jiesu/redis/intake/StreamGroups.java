package cn.jiesu.redis.intake;

import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.StoreFailures;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs.StreamOffset;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.models.stream.PendingMessages;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Consumer groups of one stream: creating them idempotently and reading where each one is. Thread-safe. */
public final class StreamGroups {
    private final RedisClients clients;
    private final String stream;

    public StreamGroups(RedisClients clients, String stream) {
        this.clients = clients;
        this.stream = stream;
    }

    /**
     * Creates {@code group} reading from the start of the stream (creating the stream too), so a group created
     * after appends began still sees every retained entry. True when created, false when it already existed.
     */
    public CompletionStage<Boolean> create(String group) {
        CompletionStage<Boolean> created = commands()
                .xgroupCreate(StreamOffset.from(stream, "0-0"), group, XGroupCreateArgs.Builder.mkstream())
                .thenApply(ok -> true)
                .exceptionallyCompose(e -> StoreFailures.unwrap(e) instanceof RedisBusyException busy
                        && "BUSYGROUP".equals(StoreFailures.errorCode(busy))
                        ? CompletableFuture.completedStage(false)
                        : CompletableFuture.failedStage(e));
        return clients.failures().settle(created);
    }

    /**
     * Every group's position: XINFO GROUPS, plus XPENDING for the lowest pending id of groups with pending work.
     * Empty when the stream does not exist.
     */
    public CompletionStage<List<GroupPosition>> positions() {
        RedisAsyncCommands<String, String> c = commands();
        CompletionStage<List<GroupPosition>> all = c.exists(stream).thenCompose(n -> n == 0
                ? CompletableFuture.completedStage(List.of())
                : c.xinfoGroups(stream).thenCompose(raw -> {
            List<CompletableFuture<GroupPosition>> each = new ArrayList<>();
            for (Object entry : raw) {
                Map<String, Object> info = pairs(entry);
                String name = String.valueOf(info.get("name"));
                long pending = asLong(info.get("pending")).orElse(0L);
                GroupPosition base = new GroupPosition(name,
                        StreamId.parse(String.valueOf(info.getOrDefault("last-delivered-id", "0-0"))),
                        Optional.empty(), pending, asLong(info.get("lag")));
                if (pending == 0) {
                    each.add(CompletableFuture.completedFuture(base));
                } else {
                    each.add(c.xpending(stream, name).thenApply(p -> withLowest(base, p)).toCompletableFuture());
                }
            }
            return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
                    .thenApply(v -> each.stream().map(CompletableFuture::join).toList());
        }));
        return clients.failures().settle(all);
    }

    /** One group's position, empty when the group does not exist. */
    public CompletionStage<Optional<GroupPosition>> position(String group) {
        return positions().thenApply(all -> all.stream().filter(p -> p.group().equals(group)).findFirst());
    }

    private static GroupPosition withLowest(GroupPosition base, PendingMessages p) {
        Optional<StreamId> lowest = p.getCount() == 0 || p.getMessageIds().getLower().getValue() == null
                ? Optional.empty()
                : Optional.of(StreamId.parse(p.getMessageIds().getLower().getValue()));
        return new GroupPosition(base.group(), base.lastDelivered(), lowest, p.getCount(), base.lag());
    }

    /** XINFO GROUPS replies one flat name/value list per group (RESP2) or a map (RESP3); accept both. */
    private static Map<String, Object> pairs(Object entry) {
        Map<String, Object> out = new HashMap<>();
        if (entry instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(String.valueOf(k), v));
        } else if (entry instanceof List<?> l) {
            for (int i = 0; i + 1 < l.size(); i += 2) {
                out.put(String.valueOf(l.get(i)), l.get(i + 1));
            }
        }
        return out;
    }

    private static Optional<Long> asLong(Object v) {
        if (v instanceof Number n) {
            return Optional.of(n.longValue());
        }
        if (v instanceof String s && !s.isEmpty()) {
            return Optional.of(Long.parseLong(s));
        }
        return Optional.empty();
    }

    private RedisAsyncCommands<String, String> commands() {
        return clients.shared().async();
    }
}
