package cn.jiesu.bench.ivr;

import cn.jiesu.core.appeal.AppealRecord;
import cn.jiesu.core.appeal.AppealStatus;
import cn.jiesu.core.appeal.AppealStore;
import cn.jiesu.core.appeal.AppendResult;
import cn.jiesu.core.intake.Channel;
import cn.jiesu.core.intake.Intake;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The one appeal every benchmark caller asks about, kept in memory: the benchmark measures the IVR, not the store.
 * Thread-safe (immutable).
 */
final class BenchAppeals implements AppealStore {
    static final String APPEAL_NO = "202611280017";
    private final AppealRecord appeal;

    BenchAppeals() {
        Instant received = Instant.parse("2026-11-28T01:00:00Z");
        Intake intake = Intake.builder()
                .intakeId("BENCH" + APPEAL_NO)
                .appealNo(APPEAL_NO)
                .channel(Channel.PHONE)
                .channelAccount("12345")
                .channelMessageId("bench")
                .receivedAt(received)
                .dueAt(Instant.parse("2026-12-05T01:00:00Z"))
                .build();
        appeal = new AppealRecord(intake, AppealStatus.IN_PROGRESS, received);
    }

    @Override
    public CompletionStage<Optional<AppealRecord>> byAppealNo(String appealNo) {
        return CompletableFuture.completedFuture(APPEAL_NO.equals(appealNo) ? Optional.of(appeal) : Optional.empty());
    }

    @Override
    public CompletionStage<AppendResult> append(Intake intake) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("the IVR does not append"));
    }

    @Override
    public CompletionStage<Optional<AppealRecord>> byId(String intakeId) {
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
