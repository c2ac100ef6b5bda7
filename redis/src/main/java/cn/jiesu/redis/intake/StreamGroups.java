package cn.jiesu.redis.intake;

import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.StoreFailures;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs.StreamOffset;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.models.stream.PendingMessages;
import java.time.Duration;
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
        CompletionStage<List<GroupPosition>> all = c.exists(stream)
                .thenCompose(n -> n == 0
                        ? CompletableFuture.completedStage(List.of())
                        : c.xinfoStream(stream)
                                .thenCompose(streamInfo -> c.xinfoGroups(stream).thenCompose(raw -> {
                                    Map<String, Object> si = pairs(streamInfo);
                                    long length = asLong(si.get("length")).orElse(Long.MAX_VALUE);
                                    StreamId lastGenerated =
                                            StreamId.parse(String.valueOf(si.getOrDefault("last-generated-id", "0-0")));
                                    List<CompletableFuture<GroupPosition>> each = new ArrayList<>();
                                    for (Object entry : raw) {
                                        Map<String, Object> info = pairs(entry);
                                        String name = String.valueOf(info.get("name"));
                                        long pending =
                                                asLong(info.get("pending")).orElse(0L);
                                        StreamId lastDelivered = StreamId.parse(
                                                String.valueOf(info.getOrDefault("last-delivered-id", "0-0")));
                                        GroupPosition base = new GroupPosition(
                                                name,
                                                lastDelivered,
                                                Optional.empty(),
                                                pending,
                                                checkedLag(
                                                        asLong(info.get("lag")), lastDelivered, lastGenerated, length));
                                        if (pending == 0) {
                                            each.add(CompletableFuture.completedFuture(base));
                                        } else {
                                            each.add(c.xpending(stream, name)
                                                    .thenApply(p -> withLowest(base, p))
                                                    .toCompletableFuture());
                                        }
                                    }
                                    return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
                                            .thenApply(v -> each.stream()
                                                    .map(CompletableFuture::join)
                                                    .toList());
                                })));
        return clients.failures().settle(all);
    }

    /**
     * Redis's lag is entries-added minus the group's entries-read counter, and Redis 7.0 loses that counter (an AOF
     * rewrite, a restart): drained groups then read thousands (issue 12: ~8,000). So the reported lag is checked
     * against what the stream itself says: a group that has been handed the last generated id has nothing left,
     * and no group can lag by more entries than the stream holds.
     */
    static Optional<Long> checkedLag(
            Optional<Long> reported, StreamId lastDelivered, StreamId lastGenerated, long length) {
        if (lastDelivered.compareTo(lastGenerated) >= 0) {
            return Optional.of(0L);
        }
        return reported.map(l -> Math.max(0, Math.min(l, length)));
    }

    /**
     * Deletes the consumers of {@code group} other than {@code keep} that have no pending entries and have not read
     * for {@code idleAtLeast}: nothing is lost (XGROUP DELCONSUMER only drops a consumer's pending entries, and these
     * have none). Completes with how many were deleted.
     */
    public CompletionStage<Integer> deleteIdleConsumers(String group, String keep, Duration idleAtLeast) {
        RedisAsyncCommands<String, String> c = commands();
        CompletionStage<Integer> done = c.xinfoConsumers(stream, group).thenCompose(raw -> {
            List<CompletableFuture<Long>> deletions = new ArrayList<>();
            for (Object entry : raw) {
                Map<String, Object> info = pairs(entry);
                String name = String.valueOf(info.get("name"));
                long pending = asLong(info.get("pending")).orElse(1L);
                long idle = asLong(info.get("idle")).orElse(0L);
                if (!name.equals(keep) && pending == 0 && idle >= idleAtLeast.toMillis()) {
                    deletions.add(c.xgroupDelconsumer(stream, io.lettuce.core.Consumer.from(group, name))
                            .toCompletableFuture());
                }
            }
            return CompletableFuture.allOf(deletions.toArray(CompletableFuture[]::new))
                    .thenApply(v -> deletions.size());
        });
        return clients.failures().settle(done);
    }

    /** One group's position, empty when the group does not exist. */
    public CompletionStage<Optional<GroupPosition>> position(String group) {
        return positions()
                .thenApply(
                        all -> all.stream().filter(p -> p.group().equals(group)).findFirst());
    }

    private static GroupPosition withLowest(GroupPosition base, PendingMessages p) {
        Optional<StreamId> lowest = p.getCount() == 0
                        || p.getMessageIds().getLower().getValue() == null
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
