package cn.jiesu.redis.callback;

import cn.jiesu.core.appeal.AppealStoreException;
import cn.jiesu.core.callback.AttemptDecision;
import cn.jiesu.core.callback.CallbackAttempt;
import cn.jiesu.core.callback.CallbackDraft;
import cn.jiesu.core.callback.CallbackKind;
import cn.jiesu.core.callback.CallbackLeases;
import cn.jiesu.core.callback.CallbackOutcome;
import cn.jiesu.core.callback.CallbackPlanner;
import cn.jiesu.core.callback.CallbackRequest;
import cn.jiesu.core.callback.CallbackStatus;
import cn.jiesu.core.callback.CallbackStore;
import cn.jiesu.core.intake.IntakeIds;
import cn.jiesu.core.intake.PhoneNumbers;
import cn.jiesu.redis.LuaScript;
import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.StoreFailures;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The callback schedule on Redis, shared by every gateway instance: creating and updating callbacks (one open
 * callback per appeal and number) and the lookups the API needs. The scheduler's side (claims, leases, completion,
 * reclaim) is {@link CallbackLeases}. Every write is one Lua script.
 *
 * <p>Thread-safe, non-blocking; stages complete on Lettuce's I/O threads and fail with
 * {@link AppealStoreException}s. Times come from the planner's clock, never from Redis, so a test clock drives
 * everything.
 */
public final class RedisCallbackStore implements CallbackStore {
    /**
     * Compare-and-set rounds before an update under contention gives up (as Unavailable: retry later). Every round
     * has a winner, so this bounds the concurrent writers of one appeal's callback that are served in one go.
     */
    static final int MAX_ROUNDS = 32;

    private static final LuaScript CREATE = LuaScript.load(RedisCallbackStore.class, "create.lua");
    private static final LuaScript UPDATE = LuaScript.load(RedisCallbackStore.class, "update.lua");
    private static final LuaScript AGENT_ATTEMPT = LuaScript.load(RedisCallbackStore.class, "agent-attempt.lua");

    private final RedisClients clients;
    private final CallbackKeys keys;
    private final CallbackPlanner planner;
    private final IntakeIds ids;
    private final StoreFailures failures;
    private final Map<CallbackKind, Counter> scheduled = new EnumMap<>(CallbackKind.class);
    private final Map<CallbackKind, Counter> updated = new EnumMap<>(CallbackKind.class);

    public RedisCallbackStore(
            RedisClients clients, CallbackKeys keys, CallbackPlanner planner, IntakeIds ids, MeterRegistry registry) {
        this.clients = clients;
        this.keys = keys;
        this.planner = planner;
        this.ids = ids;
        this.failures = clients.failures();
        for (CallbackKind k : CallbackKind.values()) {
            String tag = k.name().toLowerCase(Locale.ROOT);
            scheduled.put(
                    k,
                    Counter.builder("callbacks.scheduled")
                            .tag("kind", tag)
                            .description("Callbacks created")
                            .register(registry));
            updated.put(
                    k,
                    Counter.builder("callbacks.updated")
                            .tag("kind", tag)
                            .description("Second requests that updated an open callback")
                            .register(registry));
        }
    }

    /**
     * Creates the callback of a draft, or, when the appeal and number already have an open one, merges the draft
     * into it ({@link CallbackPlanner#merge}). Idempotent for a repeated draft.
     */
    @Override
    public CompletionStage<Scheduled> schedule(CallbackDraft draft) {
        return schedule(draft, 0);
    }

    private CompletionStage<Scheduled> schedule(CallbackDraft d, int round) {
        if (round >= MAX_ROUNDS) {
            return CompletableFuture.failedStage(new AppealStoreException.Unavailable(
                    "callback of " + d.intakeId() + " is being updated concurrently; retry", null));
        }
        CallbackRequest fresh = planner.plan(ids.next(), d);
        List<String> args = new ArrayList<>(List.of(fresh.callbackId(), now(), keys.callbackPrefix(), retention()));
        CallbackHash.newFields(fresh).forEach((k, v) -> {
            args.add(k);
            args.add(v);
        });
        String[] k = {
            keys.callback(fresh.callbackId()),
            keys.openKey(d.intakeId(), d.number()),
            keys.byIntake(d.intakeId()),
            keys.byPhone(d.number()),
            keys.open(),
            keys.delayed(),
            keys.ready(),
            keys.readyEmergency()
        };
        return this.<List<Object>>script(CREATE, ScriptOutputType.MULTI, k, args)
                .thenCompose(reply -> {
                    if ((Long) reply.get(0) == 1L) {
                        scheduled.get(fresh.kind()).increment();
                        return CompletableFuture.completedStage(new Scheduled(fresh, true, true));
                    }
                    String existingId = (String) reply.get(1);
                    return get(existingId)
                            .thenCompose(
                                    found -> found.isEmpty() ? schedule(d, round + 1) : update(found.get(), d, round));
                });
    }

    private CompletionStage<Scheduled> update(CallbackRequest existing, CallbackDraft d, int round) {
        CallbackRequest merged = planner.merge(existing, d);
        if (merged == existing) {
            return CompletableFuture.completedStage(new Scheduled(existing, false, false));
        }
        List<String> args = new ArrayList<>(List.of(existing.callbackId(), Long.toString(existing.rev()), now()));
        CallbackHash.requestFields(merged).forEach((k, v) -> {
            args.add(k);
            args.add(v);
        });
        String[] k = {
            keys.callback(existing.callbackId()),
            keys.byPhone(existing.number()),
            keys.open(),
            keys.delayed(),
            keys.ready(),
            keys.readyEmergency(),
            keys.risk()
        };
        return this.<Long>script(UPDATE, ScriptOutputType.INTEGER, k, args).thenCompose(r -> {
            if (r == 1L) {
                updated.get(merged.kind()).increment();
                return CompletableFuture.completedStage(new Scheduled(merged, false, true));
            }
            // Lost the race to another writer: merge again from what it wrote, after a short random pause.
            Executor later = CompletableFuture.delayedExecutor(
                    ThreadLocalRandom.current().nextInt(1, 4) * (long) round, TimeUnit.MILLISECONDS);
            return CompletableFuture.supplyAsync(() -> d, later).thenCompose(x -> schedule(x, round + 1));
        });
    }

    /**
     * Records an attempt an agent placed by hand (the console's click-to-call) on an open callback: ANSWERED closes
     * it as REACHED; otherwise the retry policy decides when the scheduler tries next (or that it is final). While
     * the scheduler is dialing it, the attempt is only recorded. Completes with the callback's status afterwards, or
     * empty when there is no such open callback.
     */
    @Override
    public CompletionStage<Optional<CallbackStatus>> agentAttempt(
            String callbackId, String agentExt, CallbackOutcome outcome, Instant at) {
        return get(callbackId).thenCompose(found -> {
            if (found.isEmpty() || !found.get().isOpen()) {
                return CompletableFuture.completedStage(Optional.<CallbackStatus>empty());
            }
            CallbackRequest r = found.get();
            CallbackAttempt a = new CallbackAttempt(
                    r.callbackId(),
                    1,
                    0,
                    r.intakeId(),
                    r.kind(),
                    r.mode(),
                    r.number(),
                    r.queue(),
                    r.emergency(),
                    r.deadline(),
                    r.placeBy(),
                    r.notBefore(),
                    r.rev(),
                    at,
                    at);
            AttemptDecision d = planner.decide(withPrior(a, r.attempts()), outcome, at);
            String kind = d instanceof AttemptDecision.RetryAt ? "retry" : "final";
            String value = switch (d) {
                case AttemptDecision.RetryAt t -> Long.toString(t.at().toEpochMilli());
                case AttemptDecision.Final f -> f.status().name();
            };
            String[] k = {
                keys.callback(callbackId),
                keys.delayed(),
                keys.ready(),
                keys.readyEmergency(),
                keys.open(),
                keys.byPhone(r.number()),
                keys.openKey(r.intakeId(), r.number()),
                keys.risk()
            };
            return this.<List<Object>>script(
                            AGENT_ATTEMPT,
                            ScriptOutputType.MULTI,
                            k,
                            List.of(
                                    callbackId,
                                    outcome.name(),
                                    Long.toString(at.toEpochMilli()),
                                    agentExt,
                                    kind,
                                    value,
                                    retention()))
                    .thenApply(reply -> (Long) reply.get(0) == 1L
                            ? Optional.of(CallbackStatus.valueOf(String.valueOf(reply.get(1))))
                            : Optional.<CallbackStatus>empty());
        });
    }

    private static CallbackAttempt withPrior(CallbackAttempt a, int prior) {
        return new CallbackAttempt(
                a.callbackId(),
                prior + 1,
                prior,
                a.intakeId(),
                a.kind(),
                a.mode(),
                a.number(),
                a.queue(),
                a.emergency(),
                a.deadline(),
                a.placeBy(),
                a.notBefore(),
                a.rev(),
                a.claimedAt(),
                a.leaseUntil());
    }

    @Override
    public CompletionStage<Optional<CallbackRequest>> get(String callbackId) {
        return translated(commands().hgetall(keys.callback(callbackId)))
                .thenApply(f -> f == null || f.isEmpty()
                        ? Optional.<CallbackRequest>empty()
                        : Optional.of(decode(callbackId, f)));
    }

    /** How long an appeal's callback records are kept, in ms for PEXPIRE (the appeal retention; 0: forever). */
    private String retention() {
        return Long.toString(clients.config().appealRetentionMillis());
    }

    /** Every callback of an appeal, open or not, oldest first. */
    @Override
    public CompletionStage<List<CallbackRequest>> byIntake(String intakeId) {
        return translated(commands().smembers(keys.byIntake(intakeId)))
                .thenCompose(set -> all(new ArrayList<>(set)))
                .thenApply(l -> l.stream()
                        .sorted(Comparator.comparing(CallbackRequest::createdAt)
                                .thenComparing(CallbackRequest::callbackId))
                        .toList());
    }

    /** The open callbacks of a number, earliest placeBy first (the agent console's pop on an incoming call). */
    @Override
    public CompletionStage<List<CallbackRequest>> openByPhone(String phone) {
        String digits = PhoneNumbers.normalize(phone);
        if (digits == null) {
            return CompletableFuture.completedStage(List.of());
        }
        return translated(commands().zrange(keys.byPhone(digits), 0, 99))
                .thenCompose(this::all)
                .thenApply(l -> l.stream().filter(CallbackRequest::isOpen).toList());
    }

    /** The callbacks the last forecast found at risk and still open, earliest placeBy first. */
    @Override
    public CompletionStage<List<CallbackRequest>> atRisk(int limit) {
        return translated(commands().zrange(keys.risk(), 0, limit - 1L))
                .thenCompose(this::all)
                .thenApply(l -> l.stream().filter(CallbackRequest::isOpen).toList());
    }

    /** Open callbacks (pending or dialing) across all instances. */
    @Override
    public CompletionStage<Long> openCount() {
        return translated(commands().zcard(keys.open()));
    }

    private CompletionStage<List<CallbackRequest>> all(List<String> idList) {
        List<CompletableFuture<Optional<CallbackRequest>>> reads =
                idList.stream().map(id -> get(id).toCompletableFuture()).toList();
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
                .thenApply(v -> reads.stream()
                        .map(CompletableFuture::join)
                        .flatMap(Optional::stream)
                        .toList());
    }

    private CallbackRequest decode(String id, Map<String, String> f) {
        try {
            return CallbackHash.decode(f);
        } catch (RuntimeException e) {
            throw new AppealStoreException.Failed("callback " + id + " is stored in a form that does not decode", e);
        }
    }

    private String now() {
        return Long.toString(planner.clock().millis());
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
