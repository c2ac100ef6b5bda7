package cn.jiesu.redis.problems;

import cn.jiesu.core.problems.ProblemAppeal;
import cn.jiesu.core.problems.ProblemAppeals;
import cn.jiesu.core.problems.ProblemKey;
import cn.jiesu.core.problems.ProblemStore;
import cn.jiesu.redis.LuaScript;
import cn.jiesu.redis.RedisClients;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Recurring problems' monthly counts in Redis (keys: {@link ProblemKeys}; one Lua call per appeal, problems.lua).
 * Months are local to the configured zone. A month's counts expire {@code retentionMonths} after the month ends, so
 * seasonality has that many months to look at; its appeal ids with the appeals they name ({@code
 * redis.appeal-retention} after the last write) when that is sooner. An appeal is remembered as counted for {@code redis.stream-retention}
 * plus a day: the longest a group reset could hand it in again. Thread-safe, non-blocking; failures are
 * AppealStoreExceptions.
 */
public final class RedisProblemStore implements ProblemStore {
    private static final LuaScript COUNT = LuaScript.load(RedisProblemStore.class, "problems.lua");

    private final RedisClients clients;
    private final ProblemKeys keys;
    private final ZoneId zone;
    private final int retentionMonths;
    private final int appealsPerMonth;
    private final long seenMillis;
    private final Clock clock;

    /**
     * @param retentionMonths how many months after its end a month is kept
     * @param appealsPerMonth how many appeal ids are kept per pair and month (the newest)
     */
    public RedisProblemStore(
            RedisClients clients,
            ProblemKeys keys,
            ZoneId zone,
            int retentionMonths,
            int appealsPerMonth,
            Clock clock) {
        if (retentionMonths < 1 || appealsPerMonth < 1) {
            throw new IllegalArgumentException("retentionMonths, appealsPerMonth: at least 1");
        }
        this.clients = clients;
        this.keys = keys;
        this.zone = zone;
        this.retentionMonths = retentionMonths;
        this.appealsPerMonth = appealsPerMonth;
        this.clock = clock;
        this.seenMillis =
                clients.config().streamRetention().plus(Duration.ofDays(1)).toMillis();
    }

    @Override
    public CompletionStage<Boolean> count(ProblemAppeal a) {
        if (a.keys().isEmpty()) {
            return CompletableFuture.completedFuture(false);
        }
        List<String> args = new ArrayList<>();
        args.add(a.intakeId());
        args.add(Long.toString(seenMillis));
        args.add(Long.toString(expiry(a.month()).toEpochMilli()));
        args.add(Long.toString(idsExpiry(a.month()).toEpochMilli()));
        args.add(Long.toString(a.receivedAt().toEpochMilli()));
        args.add(Integer.toString(appealsPerMonth));
        args.add(keys.idsPrefix(a.month()));
        a.keys().forEach(k -> args.add(k.encode()));
        String[] k = {keys.seen(LocalDate.ofInstant(a.receivedAt(), zone)), keys.month(a.month())};
        return COUNT.<Long>runSettled(clients, ScriptOutputType.INTEGER, k, args)
                .thenApply(n -> n == 1L);
    }

    @Override
    public CompletionStage<Map<ProblemKey, long[]>> counts(YearMonth from, YearMonth to) {
        RedisAsyncCommands<String, String> c = commands();
        List<CompletableFuture<Map<String, String>>> reads = new ArrayList<>();
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            reads.add(c.hgetall(keys.month(m)).toCompletableFuture());
        }
        int n = reads.size();
        CompletableFuture<Map<ProblemKey, long[]>> all = CompletableFuture.allOf(
                        reads.toArray(CompletableFuture[]::new))
                .thenApply(v -> {
                    Map<ProblemKey, long[]> out = new HashMap<>();
                    for (int i = 0; i < n; i++) {
                        int month = i;
                        reads.get(i).join().forEach((field, count) -> add(out, field, count, n, month));
                    }
                    return out;
                });
        return clients.failures().settle(all);
    }

    @Override
    public CompletionStage<ProblemAppeals> appeals(ProblemKey key, YearMonth month, int offset, int limit) {
        RedisAsyncCommands<String, String> c = commands();
        String ids = keys.ids(month, key);
        CompletableFuture<String> total =
                c.hget(keys.month(month), key.encode()).toCompletableFuture();
        CompletableFuture<Long> kept = c.zcard(ids).toCompletableFuture();
        CompletableFuture<List<ScoredValue<String>>> page =
                c.zrevrangeWithScores(ids, offset, (long) offset + limit - 1).toCompletableFuture();
        CompletableFuture<ProblemAppeals> out = CompletableFuture.allOf(total, kept, page)
                .thenApply(v -> new ProblemAppeals(
                        total.join() == null ? 0 : Long.parseLong(total.join()),
                        kept.join(),
                        page.join().stream()
                                .map(s -> new ProblemAppeals.Entry(
                                        s.getValue(), Instant.ofEpochMilli((long) s.getScore())))
                                .toList()));
        return clients.failures().settle(out);
    }

    private static void add(Map<ProblemKey, long[]> out, String field, String count, int n, int i) {
        try {
            out.computeIfAbsent(ProblemKey.decode(field), x -> new long[n])[i] = Long.parseLong(count);
        } catch (IllegalArgumentException e) {
            // not a field problems.lua wrote (a hand edit): one bad field must not hide the whole month
        }
    }

    /** When a month's keys go: the start of the month {@code retentionMonths} after it ends, local time. */
    Instant expiry(YearMonth month) {
        return month.plusMonths(retentionMonths + 1L)
                .atDay(1)
                .atStartOfDay(zone)
                .toInstant();
    }

    /**
     * When a month's appeal ids go: with the appeals they name ({@code redis.appeal-retention} after this write, as
     * the appeal hashes, which the append writes as the appeal arrives), or with the month's counts if those go first.
     * Ids of appeals that are gone would only lead to 404s.
     */
    Instant idsExpiry(YearMonth month) {
        Instant counts = expiry(month);
        Duration appeals = clients.config().appealRetention();
        if (appeals.isZero()) {
            return counts;
        }
        Instant withAppeals = clock.instant().plus(appeals);
        return withAppeals.isBefore(counts) ? withAppeals : counts;
    }

    private RedisAsyncCommands<String, String> commands() {
        return clients.shared().async();
    }
}
