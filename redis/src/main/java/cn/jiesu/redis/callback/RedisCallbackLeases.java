package cn.jiesu.redis.callback;

import cn.jiesu.core.callback.AttemptDecision;
import cn.jiesu.core.callback.BreachForecast;
import cn.jiesu.core.callback.CallbackAttempt;
import cn.jiesu.core.callback.CallbackLeases;
import cn.jiesu.core.callback.CallbackOutcome;
import cn.jiesu.core.callback.CallbackStatus;
import cn.jiesu.redis.LuaScript;
import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.StoreFailures;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The scheduler's side of the callback schedule: atomic claims with leases and trunk slots, lease renewal,
 * exactly-once completion per attempt, and the takeover of expired leases.
 *
 * <p>Exactly-once dialing: a claim records the attempt as DIALING with its deterministic ChannelId
 * ({@code cb-<id>-<n>}) <em>before</em> anyone originates. An instance that dies stops renewing; after the lease
 * expires a reclaimer {@link #takeOver}s it (the trunk slot is kept: its slot outlives the lease by one lease time)
 * and asks the telephony side about that ChannelId. Only an attempt proved never started is re-queued
 * ({@link #completeNeverStarted}); a running one is watched until it ends and completed with its real outcome.
 * Completion is idempotent per attempt id, so a zombie instance completing late changes nothing.
 *
 * <p>Trunk cap: the set {@code cb:trunks} is a counting semaphore of leased slots; claims never take more than the
 * cap, and slots of dead instances expire by themselves. Thread-safe, non-blocking.
 */
public final class RedisCallbackLeases implements CallbackLeases {
    private static final LuaScript CLAIM = LuaScript.load(RedisCallbackLeases.class, "claim.lua");
    private static final LuaScript RENEW = LuaScript.load(RedisCallbackLeases.class, "renew.lua");
    private static final LuaScript TAKEOVER = LuaScript.load(RedisCallbackLeases.class, "takeover.lua");
    private static final LuaScript COMPLETE = LuaScript.load(RedisCallbackLeases.class, "complete.lua");
    /** Ready callbacks looked at per claim (agent-first ones whose queue has no free agent are skipped). */
    static final int SCAN_LIMIT = 200;
    /** Entries written per command when replacing the at-risk set. */
    static final int RISK_CHUNK = 2000;

    private final RedisClients clients;
    private final CallbackKeys keys;
    private final Clock clock;
    private final StoreFailures failures;

    public RedisCallbackLeases(RedisClients clients, CallbackKeys keys, Clock clock) {
        this.clients = clients;
        this.keys = keys;
        this.clock = clock;
        this.failures = clients.failures();
    }

    /**
     * Claims up to {@code max} placeable callbacks, earliest placeBy first, each with a lease and a trunk slot.
     *
     * @param windowOpen whether non-emergency callbacks may be placed now
     * @param freeAgents free agents per queue (agent-first claims stay within them); absent queues are unlimited
     */
    @Override
    public CompletionStage<Claim> claim(
            String owner, int max, int trunkCap, boolean windowOpen, Map<String, Integer> freeAgents, Duration lease) {
        Instant now = clock.instant();
        Instant until = now.plus(lease);
        List<String> args = new ArrayList<>(List.of(
                ms(now),
                owner,
                ms(until),
                ms(until.plus(lease)),
                Integer.toString(max),
                Integer.toString(trunkCap),
                windowOpen ? "1" : "0",
                keys.callbackPrefix(),
                keys.agentsPrefix(),
                Integer.toString(SCAN_LIMIT)));
        freeAgents.forEach((q, n) -> {
            args.add(q);
            args.add(Integer.toString(Math.max(0, n)));
        });
        String[] k = {keys.delayed(), keys.ready(), keys.readyEmergency(), keys.leases(), keys.trunks()};
        return this.<List<Object>>script(CLAIM, ScriptOutputType.MULTI, k, args).thenApply(reply -> {
            List<CallbackAttempt> out = new ArrayList<>(reply.size());
            for (Object hash : reply.subList(1, reply.size())) {
                out.add(CallbackHash.attempt(CallbackHash.toMap((List<?>) hash)));
            }
            String due = String.valueOf(reply.get(0));
            return new Claim(
                    out,
                    due.isEmpty()
                            ? Optional.empty()
                            : Optional.of(Instant.ofEpochMilli((long) Double.parseDouble(due))));
        });
    }

    /** Extends this owner's leases; returns the ids it no longer holds. */
    @Override
    public CompletionStage<List<String>> renew(String owner, Collection<String> callbackIds, Duration lease) {
        if (callbackIds.isEmpty()) {
            return CompletableFuture.completedStage(List.of());
        }
        Instant until = clock.instant().plus(lease);
        List<String> args = new ArrayList<>(
                List.of(owner, ms(until), ms(until.plus(lease)), keys.callbackPrefix(), keys.agentsPrefix()));
        args.addAll(callbackIds);
        return this.<List<Object>>script(
                        RENEW, ScriptOutputType.MULTI, new String[] {keys.leases(), keys.trunks()}, args)
                .thenApply(l -> l.stream().map(String::valueOf).toList());
    }

    /** Records how a started attempt ended and applies {@code decision} (see complete.lua for updates mid-call). */
    @Override
    public CompletionStage<Completion> complete(
            CallbackAttempt a, CallbackOutcome outcome, Instant ended, AttemptDecision decision) {
        return switch (decision) {
            case AttemptDecision.RetryAt r -> complete(a, outcome.name(), ended, "retry", ms(r.at()));
            case AttemptDecision.Final f ->
                complete(a, outcome.name(), ended, "final", f.status().name());
        };
    }

    /** Re-queues an attempt a reclaimer proved never started; it does not count against the retry budget. */
    @Override
    public CompletionStage<Completion> completeNeverStarted(CallbackAttempt a, Instant at) {
        return complete(a, CallbackHash.NOT_STARTED, at, "final", CallbackStatus.PENDING.name());
    }

    private CompletionStage<Completion> complete(
            CallbackAttempt a, String outcome, Instant ended, String kind, String value) {
        String id = a.callbackId();
        String[] k = {
            keys.callback(id),
            keys.leases(),
            keys.trunks(),
            keys.delayed(),
            keys.ready(),
            keys.readyEmergency(),
            keys.open(),
            keys.byPhone(a.number()),
            keys.openKey(a.intakeId(), a.number()),
            keys.risk(),
            keys.agents(a.queue())
        };
        return this.<List<Object>>script(
                        COMPLETE,
                        ScriptOutputType.MULTI,
                        k,
                        List.of(id, Integer.toString(a.attempt()), outcome, ms(ended), kind, value, retention()))
                .thenApply(r -> new Completion((Long) r.get(0) == 1L, String.valueOf(r.get(1))));
    }

    /** How long a final callback's hash is kept, in ms for PEXPIRE (the appeal retention; 0: forever). */
    private String retention() {
        return Long.toString(clients.config().appealRetentionMillis());
    }

    /** Attempts whose lease expired before now (their instance stopped renewing), at most {@code limit}. */
    @Override
    public CompletionStage<List<CallbackAttempt>> expired(int limit) {
        return translated(commands()
                        .zrangebyscore(
                                keys.leases(),
                                Range.create(Double.NEGATIVE_INFINITY, (double) clock.millis()),
                                Limit.create(0, limit)))
                .thenCompose(ids -> {
                    List<CompletableFuture<Optional<CallbackAttempt>>> reads = ids.stream()
                            .map(id -> dialing(id).toCompletableFuture())
                            .toList();
                    return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
                            .thenApply(v -> reads.stream()
                                    .map(CompletableFuture::join)
                                    .flatMap(Optional::stream)
                                    .toList());
                });
    }

    private CompletionStage<Optional<CallbackAttempt>> dialing(String id) {
        return translated(commands().hgetall(keys.callback(id))).thenApply(f -> {
            if (f == null || !CallbackStatus.DIALING.name().equals(f.get("status")) || f.get("attempt") == null) {
                return Optional.empty();
            }
            return Optional.of(CallbackHash.attempt(f));
        });
    }

    /** Takes over an expired lease (keeping its trunk slot); false when it is live again or already over. */
    @Override
    public CompletionStage<Boolean> takeOver(CallbackAttempt a, String owner, Duration lease) {
        Instant now = clock.instant();
        Instant until = now.plus(lease);
        String[] k = {keys.callback(a.callbackId()), keys.leases(), keys.trunks()};
        return this.<Long>script(
                        TAKEOVER,
                        ScriptOutputType.INTEGER,
                        k,
                        List.of(
                                a.callbackId(),
                                Integer.toString(a.attempt()),
                                owner,
                                ms(now),
                                ms(until),
                                ms(until.plus(lease)),
                                keys.agentsPrefix()))
                .thenApply(r -> r == 1L);
    }

    /** When the earliest delayed callback becomes due, if any. */
    @Override
    public CompletionStage<Optional<Instant>> nextDue() {
        return translated(commands().zrangeWithScores(keys.delayed(), 0, 0))
                .thenApply(l -> l.isEmpty()
                        ? Optional.empty()
                        : Optional.of(Instant.ofEpochMilli((long) l.get(0).getScore())));
    }

    /** Trunk slots held now across all instances. */
    @Override
    public CompletionStage<Long> trunksInUse() {
        return translated(
                commands().zcount(keys.trunks(), Range.create((double) clock.millis(), Double.POSITIVE_INFINITY)));
    }

    /**
     * The pending callbacks whose placeBy is before {@code horizon}, for the pre-breach forecast (dialing ones hold
     * trunks and are counted by {@link #trunksInUse}). Read from the sorted sets alone, a few commands however long
     * the backlog: ready callbacks (notBefore taken as now), then delayed ones with their placeBy from the open set.
     * Delayed emergencies are forecast as ordinary callbacks (their window exemption is ignored until they are due).
     */
    @Override
    public CompletionStage<List<BreachForecast.Item>> backlog(Instant horizon, int limit) {
        RedisAsyncCommands<String, String> c = commands();
        Instant now = clock.instant();
        Range<Number> upTo = Range.create(Double.NEGATIVE_INFINITY, (double) horizon.toEpochMilli());
        CompletableFuture<List<ScoredValue<String>>> em = c.zrangebyscoreWithScores(
                        keys.readyEmergency(), upTo, Limit.create(0, limit))
                .toCompletableFuture();
        CompletableFuture<List<ScoredValue<String>>> ready = c.zrangebyscoreWithScores(
                        keys.ready(), upTo, Limit.create(0, limit))
                .toCompletableFuture();
        CompletableFuture<List<ScoredValue<String>>> delayed = c.zrangebyscoreWithScores(
                        keys.delayed(), upTo, Limit.create(0, limit))
                .toCompletableFuture();
        CompletionStage<List<BreachForecast.Item>> all = CompletableFuture.allOf(em, ready, delayed)
                .thenCompose(v -> {
                    List<BreachForecast.Item> out = new ArrayList<>();
                    em.join()
                            .forEach(s -> out.add(new BreachForecast.Item(
                                    s.getValue(), now, Instant.ofEpochMilli((long) s.getScore()), true)));
                    ready.join()
                            .forEach(s -> out.add(new BreachForecast.Item(
                                    s.getValue(), now, Instant.ofEpochMilli((long) s.getScore()), false)));
                    List<ScoredValue<String>> later = delayed.join();
                    List<CompletableFuture<List<Double>>> placeBy = new ArrayList<>();
                    for (int from = 0; from < later.size(); from += RISK_CHUNK) {
                        String[] chunk = later.subList(from, Math.min(later.size(), from + RISK_CHUNK)).stream()
                                .map(ScoredValue::getValue)
                                .toArray(String[]::new);
                        placeBy.add(c.zmscore(keys.open(), chunk).toCompletableFuture());
                    }
                    return CompletableFuture.allOf(placeBy.toArray(CompletableFuture[]::new))
                            .thenApply(x -> {
                                int i = 0;
                                for (CompletableFuture<List<Double>> chunk : placeBy) {
                                    for (Double score : chunk.join()) {
                                        ScoredValue<String> d = later.get(i++);
                                        if (score != null && score <= horizon.toEpochMilli()) {
                                            out.add(new BreachForecast.Item(
                                                    d.getValue(),
                                                    Instant.ofEpochMilli((long) d.getScore()),
                                                    Instant.ofEpochMilli(score.longValue()),
                                                    false));
                                        }
                                    }
                                }
                                return out;
                            });
                });
        return translated(all);
    }

    /** One forecast per interval across instances: true for the instance that got the lock. */
    @Override
    public CompletionStage<Boolean> tryForecastLock(String owner, Duration interval) {
        return translated(commands()
                        .set(keys.riskLock(), owner, SetArgs.Builder.nx().px(interval.toMillis())))
                .thenApply("OK"::equals);
    }

    /** Replaces the at-risk set with a forecast's result (built aside, then renamed into place). */
    @Override
    public CompletionStage<Void> replaceAtRisk(List<BreachForecast.Risk> risks, String owner) {
        RedisAsyncCommands<String, String> c = commands();
        if (risks.isEmpty()) {
            return translated(c.del(keys.risk())).thenApply(n -> null);
        }
        String tmp = keys.risk() + ":tmp:" + owner;
        CompletionStage<Long> chain = translated(c.del(tmp));
        for (int from = 0; from < risks.size(); from += RISK_CHUNK) {
            List<BreachForecast.Risk> chunk = risks.subList(from, Math.min(risks.size(), from + RISK_CHUNK));
            List<ScoredValue<String>> values = chunk.stream()
                    .map(r -> ScoredValue.just(
                            (double) r.item().placeBy().toEpochMilli(), r.item().callbackId()))
                    .toList();
            chain = chain.thenCompose(n -> translated(c.zadd(tmp, values.toArray(ScoredValue[]::new))));
        }
        return chain.thenCompose(n -> translated(c.rename(tmp, keys.risk()))).thenApply(s -> null);
    }

    /** Open callbacks in the shared schedule (waiting for their time, due, or dialing), all instances. */
    @Override
    public CompletionStage<Long> openCount() {
        return translated(commands().zcard(keys.open()));
    }

    /** How many callbacks the last forecast flagged. */
    @Override
    public CompletionStage<Long> atRiskCount() {
        return translated(commands().zcard(keys.risk()));
    }

    private static String ms(Instant t) {
        return Long.toString(t.toEpochMilli());
    }

    private <T> CompletionStage<T> script(LuaScript s, ScriptOutputType type, String[] k, List<String> args) {
        return s.runSettled(clients, type, k, args);
    }

    private <T> CompletionStage<T> translated(CompletionStage<T> stage) {
        return stage.exceptionallyCompose(e -> CompletableFuture.failedStage(failures.translate(e)));
    }

    private RedisAsyncCommands<String, String> commands() {
        return clients.shared().async();
    }
}
