package cn.jiesu.ivr.support;

import cn.jiesu.core.appeal.AppealRecord;
import cn.jiesu.core.appeal.AppealStatus;
import cn.jiesu.core.appeal.AppealStore;
import cn.jiesu.core.appeal.AppendResult;
import cn.jiesu.core.intake.Channel;
import cn.jiesu.core.intake.Citizen;
import cn.jiesu.core.intake.Intake;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Our own {@link AppealStore} port kept in memory, for IVR tests: appeal lookups without Redis. Gateway-level
 * end-to-end tests use the real Redis store. Thread-safe.
 */
public final class InMemoryAppealStore implements AppealStore {
    private final Map<String, AppealRecord> byId = new ConcurrentHashMap<>();
    private final Map<String, String> idByAppealNo = new ConcurrentHashMap<>();
    private final Map<String, AppendResult> byDedupeKey = new ConcurrentHashMap<>();
    private final AtomicLong nextNo = new AtomicLong(20_261_128_001L);
    private volatile boolean stalled;

    /** From now on lookups never complete, like a store that does not answer. */
    public InMemoryAppealStore stallLookups() {
        stalled = true;
        return this;
    }

    /** Stores an appeal with a given number and status, of a citizen without a number, for status lookups. */
    public AppealRecord put(String appealNo, AppealStatus status, Instant dueAt) {
        return put(appealNo, status, dueAt, null);
    }

    /** Stores a phone appeal with a given number and status, made by a call from {@code callerNumber}. */
    public AppealRecord put(String appealNo, AppealStatus status, Instant dueAt, String callerNumber) {
        Instant now = Instant.parse("2026-11-28T01:00:00Z");
        Intake intake = Intake.builder().intakeId("T" + appealNo).appealNo(appealNo).channel(Channel.PHONE)
                .channelAccount("12345").channelMessageId("test-" + appealNo).receivedAt(now).dueAt(dueAt)
                .citizen(new Citizen(null, null, null, callerNumber, null, false)).build();
        AppealRecord record = new AppealRecord(intake, status, now);
        byId.put(intake.intakeId(), record);
        idByAppealNo.put(appealNo, intake.intakeId());
        return record;
    }

    @Override
    public CompletionStage<AppendResult> append(Intake intake) {
        boolean[] created = {false};
        AppendResult first = byDedupeKey.computeIfAbsent(intake.dedupeKey(), k -> {
            created[0] = true;
            String no = Long.toString(nextNo.getAndIncrement());
            Intake stored = intake.toBuilder().appealNo(no).build();
            byId.put(stored.intakeId(), new AppealRecord(stored, AppealStatus.RECEIVED, stored.receivedAt()));
            idByAppealNo.put(no, stored.intakeId());
            return new AppendResult(stored.intakeId(), no, false);
        });
        return CompletableFuture.completedFuture(
                created[0] ? first : new AppendResult(first.intakeId(), first.appealNo(), true));
    }

    @Override
    public CompletionStage<Optional<AppealRecord>> byId(String intakeId) {
        return CompletableFuture.completedFuture(Optional.ofNullable(byId.get(intakeId)));
    }

    @Override
    public CompletionStage<Optional<AppealRecord>> byAppealNo(String appealNo) {
        if (stalled) {
            return new CompletableFuture<>();
        }
        String id = idByAppealNo.get(appealNo);
        return CompletableFuture.completedFuture(Optional.ofNullable(id == null ? null : byId.get(id)));
    }

    @Override
    public CompletionStage<List<AppealRecord>> byPhone(String phone, int limit) {
        return CompletableFuture.completedFuture(byId.values().stream()
                .filter(r -> phone.equals(r.intake().citizen().contactNumber()))
                .sorted(Comparator.comparing((AppealRecord r) -> r.intake().receivedAt()).reversed())
                .limit(limit).toList());
    }

    @Override
    public CompletionStage<Boolean> updateStatus(String intakeId, AppealStatus status, Instant at) {
        AppealRecord updated = byId.computeIfPresent(intakeId, (k, r) -> new AppealRecord(r.intake(), status, at));
        return CompletableFuture.completedFuture(updated != null);
    }
}
