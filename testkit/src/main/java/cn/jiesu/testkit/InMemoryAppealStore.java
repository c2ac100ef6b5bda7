package cn.jiesu.testkit;

import cn.jiesu.core.appeal.AppealRecord;
import cn.jiesu.core.appeal.AppealStatus;
import cn.jiesu.core.appeal.AppealStore;
import cn.jiesu.core.appeal.AppendResult;
import cn.jiesu.core.classify.TriageCorrection;
import cn.jiesu.core.classify.TriageDecisions;
import cn.jiesu.core.console.CallAppeals;
import cn.jiesu.core.intake.Channel;
import cn.jiesu.core.intake.Citizen;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.intake.IntakeCodec;
import cn.jiesu.core.intake.PhoneNumbers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Our own {@link AppealStore} port kept in memory, with the Redis store's contract where tests lean on it: exactly
 * once per dedupe key, a fresh appeal number per appeal, lookups by number and by phone (normalized, newest
 * first). Also the console's {@link CallAppeals} view (by the call's dedupe key {@code PHONE|<hotline>|<linkedid>},
 * enrich through the codec) and {@link TriageDecisions} (applied as the Redis script does). A test double of our
 * port, not of Redis; gateway end-to-end tests use the real store.
 *
 * <p>For failure tests: {@link #failNext(int)} fails appends like a Redis outage, {@link #stallLookups()} makes
 * lookups by number never answer. Thread-safe.
 */
public final class InMemoryAppealStore implements AppealStore, CallAppeals, TriageDecisions {
    private static final Instant PUT_AT = Instant.parse("2026-11-28T01:00:00Z");

    private final String hotline;
    private final Map<String, AppealRecord> byId = new LinkedHashMap<>();
    private final Map<String, String> idByAppealNo = new LinkedHashMap<>();
    private final Map<String, String> idByDedupeKey = new LinkedHashMap<>();
    private final Map<String, String> reservedByDedupeKey = new LinkedHashMap<>();
    private final List<TriageCorrection> corrections = new ArrayList<>();
    private long nextNo = 20_261_128_001L;
    private int attempts;
    private int failures;
    private int enrichCalls;
    private volatile boolean stalled;

    /** A store for the hotline 12345. */
    public InMemoryAppealStore() {
        this("12345");
    }

    /** A store whose {@link #intakeIdOf} finds phone appeals of {@code hotline}. */
    public InMemoryAppealStore(String hotline) {
        this.hotline = hotline;
    }

    /** Fails the next {@code n} appends, as a Redis outage would; they still count as {@link #attempts()}. */
    public synchronized InMemoryAppealStore failNext(int n) {
        failures = n;
        return this;
    }

    /** From now on lookups by appeal number never complete, like a store that does not answer. */
    public InMemoryAppealStore stallLookups() {
        stalled = true;
        return this;
    }

    /** Stores an appeal with a given number and status, of a citizen without a number, for status lookups. */
    public AppealRecord put(String appealNo, AppealStatus status, Instant dueAt) {
        return put(appealNo, status, dueAt, null);
    }

    /** Stores a phone appeal with a given number and status, made by a call from {@code callerNumber}. */
    public synchronized AppealRecord put(String appealNo, AppealStatus status, Instant dueAt, String callerNumber) {
        Intake intake = Intake.builder()
                .intakeId("T" + appealNo)
                .appealNo(appealNo)
                .channel(Channel.PHONE)
                .channelAccount(hotline)
                .channelMessageId("test-" + appealNo)
                .receivedAt(PUT_AT)
                .dueAt(dueAt)
                .citizen(new Citizen(null, null, null, callerNumber, null, false))
                .build();
        AppealRecord record = new AppealRecord(intake, status, PUT_AT);
        byId.put(intake.intakeId(), record);
        idByAppealNo.put(appealNo, intake.intakeId());
        idByDedupeKey.put(intake.dedupeKey(), intake.intakeId());
        return record;
    }

    /** Every intake stored, once per dedupe key, in append order (with the appeal number the store gave it). */
    public synchronized List<Intake> appended() {
        return byId.values().stream().map(AppealRecord::intake).toList();
    }

    /** Every appeal stored, in append order. */
    public synchronized List<AppealRecord> records() {
        return List.copyOf(byId.values());
    }

    /** The stored appeal, or null. */
    public synchronized AppealRecord record(String intakeId) {
        return byId.get(intakeId);
    }

    /** Every append call, including failed and duplicate ones. */
    public synchronized int attempts() {
        return attempts;
    }

    /** Every triage decision {@link #confirm}ed on a stored appeal, in order. */
    public synchronized List<TriageCorrection> corrections() {
        return List.copyOf(corrections);
    }

    /** Calls of {@link #enrich} that found their appeal. */
    public synchronized int enrichCalls() {
        return enrichCalls;
    }

    @Override
    public synchronized CompletionStage<AppendResult> append(Intake intake) {
        attempts++;
        if (failures > 0) {
            failures--;
            return CompletableFuture.failedFuture(new IllegalStateException("simulated store outage"));
        }
        String first = idByDedupeKey.get(intake.dedupeKey());
        if (first != null) {
            return done(new AppendResult(first, byId.get(first).intake().appealNo(), true));
        }
        String reserved = reservedByDedupeKey.remove(intake.dedupeKey());
        String no = reserved != null ? reserved : Long.toString(nextNo++);
        Intake stored = intake.toBuilder().appealNo(no).build();
        byId.put(stored.intakeId(), new AppealRecord(stored, AppealStatus.RECEIVED, stored.receivedAt()));
        idByAppealNo.put(no, stored.intakeId());
        idByDedupeKey.put(stored.dedupeKey(), stored.intakeId());
        return done(new AppendResult(stored.intakeId(), no, false));
    }

    @Override
    public synchronized CompletionStage<Optional<AppealRecord>> byId(String intakeId) {
        return done(Optional.ofNullable(byId.get(intakeId)));
    }

    @Override
    public synchronized CompletionStage<Optional<AppealRecord>> byAppealNo(String appealNo) {
        if (stalled) {
            return new CompletableFuture<>();
        }
        String id = idByAppealNo.get(appealNo);
        return done(Optional.ofNullable(id == null ? null : byId.get(id)));
    }

    @Override
    public synchronized CompletionStage<List<AppealRecord>> byPhone(String phone, int limit) {
        String wanted = PhoneNumbers.normalize(phone);
        return done(byId.values().stream()
                .filter(r -> Objects.equals(
                                wanted,
                                PhoneNumbers.normalize(r.intake().citizen().callerNumber()))
                        || Objects.equals(
                                wanted,
                                PhoneNumbers.normalize(r.intake().citizen().phone())))
                .sorted(Comparator.comparing((AppealRecord r) -> r.intake().receivedAt())
                        .reversed())
                .limit(limit)
                .toList());
    }

    @Override
    public synchronized CompletionStage<Boolean> updateStatus(String intakeId, AppealStatus status, Instant at) {
        AppealRecord updated = byId.computeIfPresent(intakeId, (k, r) -> new AppealRecord(r.intake(), status, at));
        return done(updated != null);
    }

    @Override
    public synchronized CompletionStage<Optional<String>> intakeIdOf(String linkedid) {
        return done(Optional.ofNullable(idByDedupeKey.get("PHONE|" + hotline + "|" + linkedid)));
    }

    /** As the Redis store: the appended call's own number, else one reserved now and given at the append. */
    @Override
    public synchronized CompletionStage<String> reserveAppealNo(String linkedid, java.time.Duration ttl) {
        String key = "PHONE|" + hotline + "|" + linkedid;
        String first = idByDedupeKey.get(key);
        if (first != null) {
            return done(byId.get(first).intake().appealNo());
        }
        return done(reservedByDedupeKey.computeIfAbsent(key, k -> Long.toString(nextNo++)));
    }

    /** Applies the fields through the codec, as the Redis store's enrich does. */
    @Override
    public synchronized CompletionStage<Boolean> enrich(String intakeId, Map<String, String> fields) {
        AppealRecord r = byId.get(intakeId);
        if (r == null) {
            return done(false);
        }
        enrichCalls++;
        Map<String, String> f = new LinkedHashMap<>(IntakeCodec.toFields(r.intake()));
        f.putAll(fields);
        byId.put(intakeId, new AppealRecord(IntakeCodec.fromFields(f), r.status(), r.statusAt()));
        return done(true);
    }

    /** Applies the decision as the Redis script does: tier, type, deadline, review cleared; keeps the row. */
    @Override
    public synchronized CompletionStage<Boolean> confirm(TriageCorrection c, Instant dueAt) {
        AppealRecord r = byId.get(c.intakeId());
        if (r == null) {
            return done(false);
        }
        corrections.add(c);
        byId.put(
                c.intakeId(),
                new AppealRecord(
                        r.intake().toBuilder()
                                .urgency(c.urgency())
                                .requestType(c.requestType())
                                .dueAt(dueAt)
                                .triage(r.intake().triage().confirmed())
                                .build(),
                        r.status(),
                        r.statusAt()));
        return done(true);
    }

    private static <T> CompletionStage<T> done(T value) {
        return CompletableFuture.completedStage(value);
    }
}
