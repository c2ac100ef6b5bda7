package cn.jiesu.redis.intake;

import cn.jiesu.core.appeal.AppealRecord;
import cn.jiesu.core.appeal.AppealStatus;
import cn.jiesu.core.appeal.AppealStore;
import cn.jiesu.core.appeal.AppendResult;
import cn.jiesu.core.appeal.SearchText;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.intake.IntakeCodec;
import cn.jiesu.core.intake.PhoneNumbers;
import cn.jiesu.core.merge.CitizenKeys;
import cn.jiesu.redis.LuaScript;
import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.RedisConfig;
import cn.jiesu.redis.StoreFailures;
import cn.jiesu.redis.StreamKeys;
import cn.jiesu.redis.channels.ChannelKeys;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The intake queue and appeal lookups on Redis: one stream entry per dedupe key, an appeal hash per intake, and
 * indexes by appeal number and phone. Every write is one Lua script, so it is atomic and survives concurrent
 * duplicates.
 *
 * <p>Thread-safe; all methods are non-blocking. Stages complete on Lettuce's I/O threads, so dependent actions must
 * not block (Vert.x callers hop back with {@code Future.fromCompletionStage(stage, context)}). Failed stages carry
 * an {@link cn.jiesu.core.appeal.AppealStoreException}; no Lettuce type leaves this class.
 */
public final class RedisAppealStore implements AppealStore {
    /** The daily counter outlives its day a little so a late append around midnight still finds it. */
    static final Duration SEQUENCE_TTL = Duration.ofDays(3);

    private static final LuaScript APPEND = LuaScript.load(RedisAppealStore.class, "append.lua");
    private static final LuaScript UPDATE_STATUS = LuaScript.load(RedisAppealStore.class, "update-status.lua");
    private static final LuaScript LINK = LuaScript.load(RedisAppealStore.class, "link.lua");
    private static final LuaScript UNLINK = LuaScript.load(RedisAppealStore.class, "unlink.lua");
    private static final LuaScript ENRICH = LuaScript.load(RedisAppealStore.class, "enrich.lua");
    private static final LuaScript RESERVE_NO = LuaScript.load(RedisAppealStore.class, "reserve-no.lua");

    private final RedisClients clients;
    private final StreamKeys keys;
    private final RedisConfig config;
    private final Clock clock;
    private final StoreFailures failures;
    private final AppendMetrics metrics;
    private final String dedupeWindowSeconds;
    private final String retentionMillis;
    private final ChannelKeys citizenKeys;
    private final SearchWindow window;

    /** A store with the default text search window ({@link SearchWindow#DEFAULT}). */
    public RedisAppealStore(
            RedisClients clients, StreamKeys keys, RedisConfig config, MeterRegistry registry, Clock clock) {
        this(clients, keys, config, SearchWindow.DEFAULT, registry, clock);
    }

    /** @param window how many of the newest appeals, and how much of each one's text, the text search keeps */
    public RedisAppealStore(
            RedisClients clients,
            StreamKeys keys,
            RedisConfig config,
            SearchWindow window,
            MeterRegistry registry,
            Clock clock) {
        this.clients = clients;
        this.keys = keys;
        this.window = window;
        this.citizenKeys = new ChannelKeys(keys.prefix());
        this.config = config;
        this.clock = clock;
        this.failures = clients.failures();
        this.metrics = new AppendMetrics(registry);
        this.dedupeWindowSeconds =
                Long.toString(Math.max(1, config.dedupeWindow().toSeconds()));
        this.retentionMillis = Long.toString(config.appealRetentionMillis());
    }

    /**
     * Appends exactly once per dedupe key (see {@link AppealStore#append}); assigns the appeal number. An appealNo
     * already on {@code intake} is ignored: the queue owns numbering.
     */
    @Override
    public CompletionStage<AppendResult> append(Intake intake) {
        long start = System.nanoTime();
        Intake fresh = intake.appealNo() == null
                ? intake
                : intake.toBuilder().appealNo(null).build();
        LocalDate day = AppealNumbers.dayOf(fresh.receivedAt());
        List<String> keyList = new ArrayList<>(List.of(
                keys.dedupe(fresh.dedupeKey()),
                keys.sequence(day),
                keys.appeal(fresh.intakeId()),
                keys.intakeStream(),
                keys.searchWindow(),
                keys.searchTexts(),
                keys.reservedNo(fresh.dedupeKey())));
        phones(fresh).forEach(p -> keyList.add(keys.phone(p)));
        if (fresh.triage().review()) {
            keyList.add(keys.triageReview()); // indexed like a phone: by receivedAt, kept as long as the appeal
        }
        // Channel accounts are indexed here too, for the appeal's whole retention, so GET /api/v1/intakes?
        // channelUserId= finds an appeal as soon as the channel was answered (the merge reads the same keys).
        accounts(fresh).forEach(a -> keyList.add(citizenKeys.citizen(a)));
        List<String> args = new ArrayList<>(List.of(
                fresh.intakeId(),
                dedupeWindowSeconds,
                AppealNumbers.datePart(day),
                Long.toString(SEQUENCE_TTL.toSeconds()),
                keys.appealPrefix(),
                keys.appealNoPrefix(),
                AppealStatus.RECEIVED.name(),
                clock.instant().toString(),
                Long.toString(fresh.receivedAt().toEpochMilli()),
                retentionMillis));
        Map<String, String> fields = IntakeCodec.toFields(fresh);
        args.add(PackedFields.pack(fields));
        args.add(SearchText.of(fresh, window.textChars()));
        args.add(Integer.toString(window.entries()));
        // The stream entry names its format first (after the appealNo the script puts in): the case system's contract.
        args.add(IntakeCodec.SCHEMA);
        args.add(IntakeCodec.SCHEMA_VERSION);
        fields.forEach((k, v) -> {
            args.add(k);
            args.add(v);
        });
        CompletionStage<List<Object>> run;
        try {
            run = APPEND.run(
                    commands(), ScriptOutputType.MULTI, keyList.toArray(String[]::new), args.toArray(String[]::new));
        } catch (RuntimeException e) {
            run = CompletableFuture.failedStage(e);
        }
        CompletionStage<AppendResult> result = run.thenApply(
                reply -> new AppendResult((String) reply.get(0), (String) reply.get(1), ((Long) reply.get(2)) == 1L));
        return failures.settle(result.whenComplete((r, error) -> {
            if (error == null) {
                metrics.succeeded(fresh, r.duplicate(), System.nanoTime() - start);
            } else {
                metrics.failed(fresh.channel(), failures.reason(error));
            }
        }));
    }

    /**
     * The appeal number the intake of {@code dedupeKey} has or will have: its own once appended, else one reserved
     * now (from today's sequence) that {@link #append} gives it. Idempotent per dedupe key; a reservation not used
     * within {@code ttl} lapses (its number is then never given).
     */
    public CompletionStage<String> reserveAppealNo(String dedupeKey, Duration ttl) {
        LocalDate day = AppealNumbers.dayOf(clock.instant());
        String[] k = {keys.dedupe(dedupeKey), keys.reservedNo(dedupeKey), keys.sequence(day)};
        CompletionStage<List<Object>> run;
        try {
            run = RESERVE_NO.run(
                    commands(),
                    ScriptOutputType.MULTI,
                    k,
                    keys.appealPrefix(),
                    AppealNumbers.datePart(day),
                    Long.toString(SEQUENCE_TTL.toSeconds()),
                    Long.toString(Math.max(1, ttl.toMillis())));
        } catch (RuntimeException e) {
            run = CompletableFuture.failedStage(e);
        }
        return failures.settle(run.thenApply(reply -> (String) reply.get(0)));
    }

    @Override
    public CompletionStage<Optional<AppealRecord>> byId(String intakeId) {
        RedisAsyncCommands<String, String> c = commands();
        CompletionStage<Map<String, String>> fields = c.hgetall(keys.appeal(intakeId));
        CompletionStage<Set<String>> related = c.smembers(keys.related(intakeId));
        return failures.settle(fields.thenCombine(related, (f, r) -> AppealHash.decode(intakeId, f, r)));
    }

    @Override
    public CompletionStage<Optional<AppealRecord>> byAppealNo(String appealNo) {
        return failures.settle(commands()
                .get(keys.appealNo(appealNo))
                .thenCompose(id -> id == null ? CompletableFuture.completedStage(Optional.empty()) : byId(id)));
    }

    /** Newest first by receivedAt; ids whose appeal is gone are skipped, so fewer than {@code limit} may come back. */
    @Override
    public CompletionStage<List<AppealRecord>> byPhone(String phone, int limit) {
        String normalized = PhoneNumbers.normalize(phone);
        if (normalized == null || limit <= 0) {
            return CompletableFuture.completedStage(List.of());
        }
        return failures.settle(commands()
                .zrevrange(keys.phone(normalized), 0, limit - 1L)
                .thenCompose(ids -> {
                    List<CompletableFuture<Optional<AppealRecord>>> reads = ids.stream()
                            .map(id -> byId(id).toCompletableFuture())
                            .toList();
                    return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
                            .thenApply(v -> reads.stream()
                                    .map(CompletableFuture::join)
                                    .flatMap(Optional::stream)
                                    .toList());
                }));
    }

    @Override
    public CompletionStage<Boolean> updateStatus(String intakeId, AppealStatus status, Instant at) {
        return failures.settle(
                this.<Long>script(UPDATE_STATUS, new String[] {keys.appeal(intakeId)}, status.name(), at.toString())
                        .thenApply(n -> n == 1L));
    }

    /**
     * Links two appeals of one matter as a person decided it: each lists the other in its {@code relatedIntakeIds}
     * from now on, and an earlier {@link #unlink} of the pair is forgotten. Idempotent; false when either appeal
     * does not exist (nothing written).
     */
    public CompletionStage<Boolean> link(String intakeIdA, String intakeIdB) {
        return link(intakeIdA, intakeIdB, "manual");
    }

    /**
     * Links two appeals the cross-channel merge found to be one matter, unless a person unlinked that pair: false
     * then (and when either appeal does not exist), so that a redelivery or a re-run of the merge cannot undo a
     * person's decision.
     */
    public CompletionStage<Boolean> linkSuggested(String intakeIdA, String intakeIdB) {
        return link(intakeIdA, intakeIdB, "auto");
    }

    private CompletionStage<Boolean> link(String intakeIdA, String intakeIdB, String mode) {
        requireDistinct(intakeIdA, intakeIdB);
        return failures.settle(this.<Long>script(
                        LINK,
                        new String[] {
                            keys.appeal(intakeIdA),
                            keys.appeal(intakeIdB),
                            keys.related(intakeIdA),
                            keys.related(intakeIdB),
                            keys.unlinked(intakeIdA),
                            keys.unlinked(intakeIdB)
                        },
                        intakeIdA,
                        intakeIdB,
                        retentionMillis,
                        mode)
                .thenApply(n -> n == 1L));
    }

    /**
     * Undoes {@link #link}; true when a link existed. The pair is remembered as unlinked, so the merge does not
     * link it again ({@link #link} by a person still can). Ids an intake carried in its own
     * {@code relatedIntakeIds} at append time stay.
     */
    public CompletionStage<Boolean> unlink(String intakeIdA, String intakeIdB) {
        requireDistinct(intakeIdA, intakeIdB);
        return failures.settle(this.<Long>script(
                        UNLINK,
                        new String[] {
                            keys.related(intakeIdA),
                            keys.related(intakeIdB),
                            keys.unlinked(intakeIdA),
                            keys.unlinked(intakeIdB)
                        },
                        intakeIdA,
                        intakeIdB,
                        retentionMillis)
                .thenApply(n -> n > 0));
    }

    /**
     * Overwrites intake fields (IntakeCodec names, e.g. {@code content}, {@code requestType},
     * {@code location.addressText}) on a stored appeal, keeping its id and number, indexes a phone number among
     * them, and appends an {@code enriched} event to {@code appeal-events}. False when no such appeal. The stream entry of the original append is not
     * changed; consumers that care follow {@code appeal-events}.
     *
     * @throws IllegalArgumentException (synchronously) for identity/status fields, unknown names or malformed values
     */
    public CompletionStage<Boolean> enrich(String intakeId, Map<String, String> fields) {
        Map<String, String> checked = EnrichFields.validate(fields);
        if (!checked.containsKey("title") && !checked.containsKey("content")) {
            return enrich(intakeId, checked, "");
        }
        // New text: the search window gets the appeal's whole text as it will be (title and content), so read it.
        return failures.settle(byId(intakeId).thenCompose(found -> {
            if (found.isEmpty()) {
                return CompletableFuture.completedStage(false);
            }
            Intake now = found.get().intake();
            Intake next = now.toBuilder()
                    .title(checked.getOrDefault("title", now.title()))
                    .content(checked.getOrDefault("content", now.content()))
                    .build();
            return enrich(intakeId, checked, SearchText.of(next, window.textChars()));
        }));
    }

    private CompletionStage<Boolean> enrich(String intakeId, Map<String, String> checked, String text) {
        List<String> args = new ArrayList<>(List.of(
                intakeId,
                clock.instant().toString(),
                Long.toString(config.eventsMaxLen()),
                String.join(",", checked.keySet()),
                retentionMillis,
                text,
                Integer.toString(window.entries())));
        checked.forEach((k, v) -> {
            args.add(k);
            args.add(v);
        });
        List<String> keyList = new ArrayList<>(
                List.of(keys.appeal(intakeId), keys.appealEvents(), keys.searchWindow(), keys.searchTexts()));
        phones(checked).forEach(p -> keyList.add(keys.phone(p)));
        return failures.settle(this.<Long>script(ENRICH, keyList.toArray(String[]::new), args.toArray(String[]::new))
                .thenApply(n -> n == 1L));
    }

    /** The channel accounts an intake is indexed under ({@code WEIBO:2489518277}), as the merge names them. */
    static Set<String> accounts(Intake intake) {
        Set<String> out = new LinkedHashSet<>();
        CitizenKeys.of(intake).stream().filter(k -> !k.startsWith("phone:")).forEach(out::add);
        return out;
    }

    /** The distinct normalized numbers an intake is indexed under: citizen phone, caller number, callback number. */
    static Set<String> phones(Intake intake) {
        return normalized(intake.citizen().phone(), intake.citizen().callerNumber(), intake.callbackNumber());
    }

    /** The same numbers among enriched fields: a number an agent fills in later is found by phone too. */
    static Set<String> phones(Map<String, String> fields) {
        return normalized(
                fields.get("citizen.phone"), fields.get("citizen.callerNumber"), fields.get("callbackNumber"));
    }

    private static Set<String> normalized(String... raw) {
        Set<String> out = new LinkedHashSet<>();
        for (String r : raw) {
            String n = PhoneNumbers.normalize(r);
            if (n != null) {
                out.add(n);
            }
        }
        return out;
    }

    private <T> CompletionStage<T> script(LuaScript script, String[] keyArray, String... args) {
        try {
            return script.run(commands(), ScriptOutputType.INTEGER, keyArray, args);
        } catch (RuntimeException e) {
            return CompletableFuture.failedStage(e);
        }
    }

    private RedisAsyncCommands<String, String> commands() {
        return clients.shared().async();
    }

    private static void requireDistinct(String a, String b) {
        if (a == null || b == null || a.equals(b)) {
            throw new IllegalArgumentException("intake ids: two different ids are required");
        }
    }
}
