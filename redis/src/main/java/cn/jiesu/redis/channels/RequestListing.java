package cn.jiesu.redis.channels;

import cn.jiesu.redis.LuaScript;
import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.StoreFailures;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A public listing of appeals by time (Open311's {@code GET requests.json}): intake ids scored by receivedAt, so a
 * date-range query is one ZREVRANGEBYSCORE. Entries older than the keep time are dropped as new ones arrive.
 *
 * <p>Thread-safe and non-blocking; failed stages carry an {@link cn.jiesu.core.appeal.AppealStoreException}.
 */
public final class RequestListing {
    private static final LuaScript INDEX = LuaScript.load(RequestListing.class, "index.lua");

    private final RedisClients clients;
    private final String key;
    private final Duration keep;
    private final StoreFailures failures;

    public RequestListing(RedisClients clients, ChannelKeys keys, String name, Duration keep) {
        this.clients = clients;
        this.key = keys.listing(name);
        this.keep = keep;
        this.failures = clients.failures();
    }

    /** Lists {@code intakeId}; idempotent. */
    public CompletionStage<Void> add(String intakeId, long receivedAtMillis) {
        CompletionStage<Long> run;
        try {
            run = INDEX.run(
                    clients.shared().async(),
                    ScriptOutputType.INTEGER,
                    new String[] {key},
                    intakeId,
                    Long.toString(receivedAtMillis),
                    Long.toString(receivedAtMillis - keep.toMillis()),
                    "0");
        } catch (RuntimeException e) {
            run = CompletableFuture.failedStage(e);
        }
        return failures.settle(run.thenApply(n -> null));
    }

    /** Up to {@code limit} ids received between the two instants (inclusive), newest first. */
    public CompletionStage<List<String>> between(long fromMillis, long toMillis, int limit) {
        return between(fromMillis, toMillis, 0, limit);
    }

    /**
     * Like {@link #between(long, long, int)}, skipping the {@code offset} newest: one page of a listing read page
     * by page. Ids listed meanwhile shift later pages, so a reader may see an id twice and should drop repeats.
     */
    public CompletionStage<List<String>> between(long fromMillis, long toMillis, long offset, int limit) {
        return failures.settle(clients.shared()
                .async()
                .zrevrangebyscore(
                        key, Range.create((Number) fromMillis, (Number) toMillis), Limit.create(offset, limit)));
    }
}
