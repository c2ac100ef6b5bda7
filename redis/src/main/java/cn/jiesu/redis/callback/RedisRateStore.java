package cn.jiesu.redis.callback;

import cn.jiesu.core.appeal.Satisfaction;
import cn.jiesu.core.callback.Resolution;
import cn.jiesu.core.rates.AppealResult;
import cn.jiesu.core.rates.RateCounts;
import cn.jiesu.core.rates.RatePeriod;
import cn.jiesu.core.rates.RateScope;
import cn.jiesu.core.rates.RateStore;
import cn.jiesu.redis.LuaScript;
import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.StoreFailures;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The 三率 counters per day and scope (overall, district, street), and each appeal's resolution and rating.
 * Events are counted at most once per appeal (rates.lua), so at-least-once delivery is safe. Days are local dates in
 * the configured zone (Asia/Shanghai). Thread-safe, non-blocking; failures are AppealStoreExceptions.
 */
public final class RedisRateStore implements RateStore {
    /** The scope names: overall, a district, a street of a district. */
    public static final String ALL = "all";

    private static final LuaScript RATES = LuaScript.load(RedisRateStore.class, "rates.lua");

    private final RedisClients clients;
    private final CallbackKeys keys;
    private final ZoneId zone;
    private final StoreFailures failures;

    public RedisRateStore(RedisClients clients, CallbackKeys keys, ZoneId zone) {
        this.clients = clients;
        this.keys = keys;
        this.zone = zone;
        this.failures = clients.failures();
    }

    /** The appeal was received at {@code at}: counted once, on that day, in {@code received}. */
    @Override
    public CompletionStage<Boolean> received(String intakeId, RateScope scope, Instant at) {
        return event("receive", intakeId, scope, at, "-");
    }

    /** The appeal is due (its response deadline) at {@code dueAt}: counts in 响应率's denominator on that day. */
    @Override
    public CompletionStage<Boolean> due(String intakeId, RateScope scope, Instant dueAt) {
        return event("due", intakeId, scope, dueAt, Long.toString(dueAt.toEpochMilli()));
    }

    /** A response reached the citizen (an answered callback, or a resolution); only the first one counts. */
    @Override
    public CompletionStage<Boolean> responded(String intakeId, RateScope scope, Instant at) {
        return event("respond", intakeId, scope, at, "-");
    }

    /** Records a resolution (kept for the API) and counts it for 解决率; it is also a response. */
    @Override
    public CompletionStage<Boolean> resolved(Resolution r, RateScope scope) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("handledBy", r.handledBy());
        if (r.result() != null) {
            meta.put("result", r.result());
        }
        meta.put("resolved", r.resolved() ? "1" : "0");
        meta.put("reportedAt", r.reportedAt().toString());
        return writeMeta(r.intakeId(), meta)
                .thenCompose(n -> event("resolve", r.intakeId(), scope, r.reportedAt(), r.resolved() ? "1" : "0"))
                .thenCompose(counted ->
                        responded(r.intakeId(), scope, r.reportedAt()).thenApply(x -> counted));
    }

    /** Stores the survey's answer on the appeal and counts it for 满意率 (NO_RESPONSE is kept apart). */
    @Override
    public CompletionStage<Boolean> rated(String intakeId, RateScope scope, Satisfaction s, Instant at) {
        Map<String, String> meta = Map.of("satisfaction", s.name(), "ratedAt", at.toString());
        return writeMeta(intakeId, meta).thenCompose(n -> event("rate", intakeId, scope, at, field(s)));
    }

    /** Writes the appeal's resolution/rating record, which expires with the appeal retention (0: kept forever). */
    private CompletionStage<Long> writeMeta(String intakeId, Map<String, String> meta) {
        RedisAsyncCommands<String, String> c = commands();
        CompletionStage<Long> written = c.hset(keys.meta(intakeId), meta);
        long keep = clients.config().appealRetentionMillis();
        if (keep > 0) {
            // Sent right behind the HSET on the same connection, so Redis applies it after the write.
            written = written.thenCombine(c.pexpire(keys.meta(intakeId), keep), (n, ok) -> n);
        }
        return translated(written);
    }

    @Override
    public CompletionStage<Boolean> rescope(String intakeId, RateScope scope) {
        // The script moves each count on the day it was counted; the event's own day and time are not read.
        return event("rescope", intakeId, scope, Instant.EPOCH, "-");
    }

    /** Resolution and rating of an appeal, when any was recorded. */
    @Override
    public CompletionStage<Optional<AppealResult>> result(String intakeId) {
        RedisAsyncCommands<String, String> c = commands();
        CompletionStage<Map<String, String>> meta = translated(c.hgetall(keys.meta(intakeId)));
        CompletionStage<String> responded = translated(c.hget(keys.rateAppeal(intakeId), "respondedAt"));
        return meta.thenCombine(responded, (m, r) -> {
            if ((m == null || m.isEmpty()) && r == null) {
                return Optional.<AppealResult>empty();
            }
            return Optional.of(new AppealResult(
                    intakeId,
                    m.get("handledBy"),
                    m.get("result"),
                    m.containsKey("resolved") ? "1".equals(m.get("resolved")) : null,
                    instant(m.get("reportedAt")),
                    m.containsKey("satisfaction") ? Satisfaction.valueOf(m.get("satisfaction")) : null,
                    instant(m.get("ratedAt")),
                    r == null ? null : Instant.ofEpochMilli(Long.parseLong(r))));
        });
    }

    /**
     * The counters of a period for one scope.
     *
     * @param district null for overall
     * @param street   null for the whole district (ignored without a district)
     */
    @Override
    public CompletionStage<RateCounts> counts(RatePeriod period, LocalDate date, String district, String street) {
        return counts(period.start(date), period.end(date), district, street);
    }

    /** The counters of the days {@code from} to {@code to} (both included) for one scope. */
    @Override
    public CompletionStage<RateCounts> counts(LocalDate from, LocalDate to, String district, String street) {
        String scope = scope(district, street);
        RedisAsyncCommands<String, String> c = commands();
        List<CompletableFuture<Map<String, String>>> reads = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            reads.add(c.hgetall(keys.rates(day, scope)).toCompletableFuture());
        }
        return translated(CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
                .thenApply(v -> {
                    RateCounts sum = RateCounts.ZERO;
                    for (CompletableFuture<Map<String, String>> r : reads) {
                        sum = sum.plus(decode(r.join()));
                    }
                    return sum;
                }));
    }

    /** Every district that has counts, for per-district reports. */
    @Override
    public CompletionStage<List<String>> districts() {
        return translated(commands().smembers(keys.ratesPrefix() + "scopes"))
                .thenApply(set -> set.stream()
                        .filter(s -> s.startsWith("d:"))
                        .map(s -> s.substring(2))
                        .sorted()
                        .toList());
    }

    /** Every street scope that has counts, as (district, street); see {@link RateStore#streets}. */
    @Override
    public CompletionStage<List<RateScope>> streets() {
        return translated(commands().smembers(keys.ratesPrefix() + "scopes"))
                .thenApply(set -> set.stream()
                        .filter(s -> s.startsWith("s:") && s.indexOf('/') > 2)
                        .map(s -> new RateScope(s.substring(2, s.indexOf('/')), s.substring(s.indexOf('/') + 1)))
                        .toList());
    }

    /** The scope key part: {@code all}, {@code d:{district}} or {@code s:{district}/{street}}. */
    public static String scope(String district, String street) {
        if (district == null || district.isBlank()) {
            return ALL;
        }
        String d = RateScope.clean(district);
        return street == null || street.isBlank() ? "d:" + d : "s:" + d + "/" + RateScope.clean(street);
    }

    private static String scopes(RateScope s) {
        return ALL + ",d:" + s.district() + ",s:" + s.district() + "/" + s.street();
    }

    private CompletionStage<Boolean> event(String event, String intakeId, RateScope scope, Instant at, String arg) {
        String day = CallbackKeys.day(LocalDate.ofInstant(at, zone));
        CompletionStage<Long> run;
        try {
            run = RATES.run(
                    commands(),
                    ScriptOutputType.INTEGER,
                    new String[] {keys.rateAppeal(intakeId)},
                    event,
                    keys.ratesPrefix(),
                    scopes(scope),
                    day,
                    Long.toString(at.toEpochMilli()),
                    arg,
                    Long.toString(clients.config().appealRetentionMillis()));
        } catch (RuntimeException e) {
            run = CompletableFuture.failedStage(e);
        }
        return translated(run).thenApply(n -> n == 1L);
    }

    static String field(Satisfaction s) {
        return switch (s) {
            case SATISFIED -> "satisfied";
            case BASICALLY_SATISFIED -> "basicallySatisfied";
            case DISSATISFIED -> "dissatisfied";
            case NO_RESPONSE -> "noResponse";
        };
    }

    private static RateCounts decode(Map<String, String> m) {
        if (m == null || m.isEmpty()) {
            return RateCounts.ZERO;
        }
        return new RateCounts(
                n(m, "due"),
                n(m, "respondedInTime"),
                n(m, "handled"),
                n(m, "resolved"),
                n(m, "satisfied"),
                n(m, "basicallySatisfied"),
                n(m, "dissatisfied"),
                n(m, "noResponse"),
                n(m, "received"));
    }

    private static long n(Map<String, String> m, String k) {
        String v = m.get(k);
        return v == null ? 0 : Long.parseLong(v);
    }

    private static Instant instant(String s) {
        return s == null ? null : Instant.parse(s);
    }

    private <T> CompletionStage<T> translated(CompletionStage<T> stage) {
        return stage.exceptionallyCompose(e -> CompletableFuture.failedStage(failures.translate(e)));
    }

    private RedisAsyncCommands<String, String> commands() {
        return clients.shared().async();
    }
}
