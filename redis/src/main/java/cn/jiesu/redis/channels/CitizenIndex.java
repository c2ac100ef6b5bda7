package cn.jiesu.redis.channels;

import cn.jiesu.redis.LuaScript;
import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.StoreFailures;
import cn.jiesu.redis.StreamKeys;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Which appeals a citizen made, by identity ({@code WEIBO:2489518277}, {@code APP:u-42}; phone numbers are read
 * from the appeal store's own index), and which identities belong to one citizen (an app user who gave a phone number,
 * an operator binding a Weibo account to a caller). The cross-channel merge reads both to find a new appeal's
 * earlier ones. Index entries older than the keep time are dropped as new ones arrive and a quiet citizen's key
 * expires; bindings stay until unbound.
 *
 * <p>Thread-safe and non-blocking; failed stages carry an {@link cn.jiesu.core.appeal.AppealStoreException}.
 */
public final class CitizenIndex {
    private static final LuaScript INDEX = LuaScript.load(CitizenIndex.class, "index.lua");
    private static final LuaScript BIND = LuaScript.load(CitizenIndex.class, "bind.lua");

    private final RedisClients clients;
    private final ChannelKeys keys;
    private final StreamKeys appealKeys;
    private final Duration keep;
    private final StoreFailures failures;

    /**
     * @param appealKeys the appeal store's keys: phone numbers are looked up in its phone index
     * @param keep       how long an appeal stays findable by identity (at least the merge window; the gateway
     *                   gives the appeal retention, since the append indexes the same keys for search); zero:
     *                   for good
     */
    public CitizenIndex(RedisClients clients, ChannelKeys keys, StreamKeys appealKeys, Duration keep) {
        this.clients = clients;
        this.keys = keys;
        this.appealKeys = appealKeys;
        this.keep = keep;
        this.failures = clients.failures();
    }

    /** Indexes {@code intakeId} under each identity; idempotent. */
    public CompletionStage<Void> record(String intakeId, long receivedAtMillis, Collection<String> identities) {
        if (identities.isEmpty()) {
            return CompletableFuture.completedStage(null);
        }
        String[] k = identities.stream().map(keys::citizen).toArray(String[]::new);
        String dropBelow = keep.isZero() ? "0" : Long.toString(receivedAtMillis - keep.toMillis());
        return failures.settle(
                run(INDEX, k, intakeId, Long.toString(receivedAtMillis), dropBelow, Long.toString(keep.toMillis() * 2))
                        .thenApply(n -> null));
    }

    /** Up to {@code limit} intake ids of {@code identity} received at or after {@code sinceMillis}, newest first. */
    public CompletionStage<List<String>> recent(String identity, long sinceMillis, int limit) {
        return failures.settle(clients.shared()
                .async()
                .zrevrangebyscore(
                        keys.citizen(identity),
                        Range.from(Range.Boundary.including(sinceMillis), Range.Boundary.unbounded()),
                        Limit.create(0, limit)));
    }

    /**
     * Up to {@code limit} intake ids indexed under a normalized phone number by the appeal store (citizen phone,
     * caller number, callback number, numbers added later by enrichment), received at or after
     * {@code sinceMillis}, newest first. Ids only: the caller reads just the appeals it needs.
     */
    public CompletionStage<List<String>> recentByPhone(String normalizedPhone, long sinceMillis, int limit) {
        return failures.settle(clients.shared()
                .async()
                .zrevrangebyscore(
                        appealKeys.phone(normalizedPhone),
                        Range.from(Range.Boundary.including(sinceMillis), Range.Boundary.unbounded()),
                        Limit.create(0, limit)));
    }

    /** Records that {@code a} and {@code b} are one citizen, both ways; true when that was new. */
    public CompletionStage<Boolean> bind(String a, String b) {
        return bindOrUnbind("1", a, b);
    }

    /** Undoes {@link #bind}; true when a binding existed. */
    public CompletionStage<Boolean> unbind(String a, String b) {
        return bindOrUnbind("0", a, b);
    }

    /** The identities bound to any of {@code identities} (one hop), without {@code identities} themselves. */
    public CompletionStage<Set<String>> bound(Collection<String> identities) {
        if (identities.isEmpty()) {
            return CompletableFuture.completedStage(Set.of());
        }
        String[] k = identities.stream().map(keys::bindings).toArray(String[]::new);
        return failures.settle(clients.shared().async().sunion(k).thenApply(found -> {
            Set<String> out = new LinkedHashSet<>(found);
            out.removeAll(identities);
            return Set.copyOf(out);
        }));
    }

    private CompletionStage<Boolean> bindOrUnbind(String mode, String a, String b) {
        if (a == null || b == null || a.equals(b)) {
            throw new IllegalArgumentException("identities: two different identities are required");
        }
        return failures.settle(run(BIND, new String[] {keys.bindings(a), keys.bindings(b)}, mode, a, b)
                .thenApply(n -> n > 0));
    }

    private CompletionStage<Long> run(LuaScript script, String[] k, String... args) {
        try {
            return script.run(clients.shared().async(), ScriptOutputType.INTEGER, k, args);
        } catch (RuntimeException e) {
            return CompletableFuture.failedStage(e);
        }
    }
}
