package cn.jiesu.bench.ami;

import cn.jiesu.core.appeal.AppealRecord;
import cn.jiesu.core.appeal.AppealStatus;
import cn.jiesu.core.appeal.AppealStore;
import cn.jiesu.core.appeal.AppendResult;
import cn.jiesu.core.intake.Intake;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/** An appeal store that only remembers dedupe keys: the benchmark measures AMI, not Redis. Thread-safe. */
final class CountingAppealStore implements AppealStore {
    private final Set<String> keys = ConcurrentHashMap.newKeySet();

    int appeals() {
        return keys.size();
    }

    @Override
    public CompletionStage<AppendResult> append(Intake intake) {
        boolean first = keys.add(intake.dedupeKey());
        return CompletableFuture.completedFuture(new AppendResult(intake.intakeId(), "0", !first));
    }

    @Override
    public CompletionStage<Optional<AppealRecord>> byId(String intakeId) {
        return CompletableFuture.completedFuture(Optional.empty());
    }

    @Override
    public CompletionStage<Optional<AppealRecord>> byAppealNo(String appealNo) {
        return CompletableFuture.completedFuture(Optional.empty());
    }

    @Override
    public CompletionStage<List<AppealRecord>> byPhone(String phone, int limit) {
        return CompletableFuture.completedFuture(List.of());
    }

    @Override
    public CompletionStage<Boolean> updateStatus(String intakeId, AppealStatus status, Instant at) {
        return CompletableFuture.completedFuture(false);
    }
}
