package cn.jiesu.ivr.call;

import cn.jiesu.core.appeal.AppealRecord;
import cn.jiesu.core.appeal.AppealStatus;
import cn.jiesu.core.appeal.AppealStore;
import cn.jiesu.core.appeal.AppendResult;
import cn.jiesu.core.intake.Intake;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory {@link AppealStore} with the port's exactly-once contract (dedupe key), for tests of call tracking.
 * It is a test double of our own port, not of Asterisk. {@link #failNext(int)} makes appends fail like a Redis
 * outage. Thread-safe.
 */
public final class MemoryAppealStore implements AppealStore {
    private final Map<String, Intake> byKey = new LinkedHashMap<>();
    private final List<Intake> attempts = new ArrayList<>();
    private final AtomicInteger failures = new AtomicInteger();

    /** Fails the next {@code n} appends. */
    public void failNext(int n) {
        failures.set(n);
    }

    /** Every intake stored, once per dedupe key, in append order. */
    public synchronized List<Intake> appended() {
        return List.copyOf(byKey.values());
    }

    /** Every append call, including failed and duplicate ones. */
    public synchronized int attempts() {
        return attempts.size();
    }

    @Override
    public synchronized CompletionStage<AppendResult> append(Intake intake) {
        attempts.add(intake);
        if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return CompletableFuture.failedFuture(new IllegalStateException("simulated store outage"));
        }
        Intake first = byKey.putIfAbsent(intake.dedupeKey(), intake);
        Intake stored = first == null ? intake : first;
        return CompletableFuture.completedFuture(new AppendResult(stored.intakeId(),
                String.valueOf(100000 + byKey.size()), first != null));
    }

    @Override
    public synchronized CompletionStage<Optional<AppealRecord>> byId(String intakeId) {
        return CompletableFuture.completedFuture(byKey.values().stream().filter(i -> i.intakeId().equals(intakeId))
                .findFirst().map(i -> new AppealRecord(i, AppealStatus.RECEIVED, i.receivedAt())));
    }

    @Override
    public CompletionStage<Optional<AppealRecord>> byAppealNo(String appealNo) {
        return CompletableFuture.completedFuture(Optional.empty());
    }

    @Override
    public synchronized CompletionStage<List<AppealRecord>> byPhone(String phone, int limit) {
        return CompletableFuture.completedFuture(byKey.values().stream()
                .filter(i -> phone.equals(i.citizen().callerNumber()))
                .map(i -> new AppealRecord(i, AppealStatus.RECEIVED, i.receivedAt())).limit(limit).toList());
    }

    @Override
    public CompletionStage<Boolean> updateStatus(String intakeId, AppealStatus status, Instant at) {
        return CompletableFuture.completedFuture(false);
    }
}
