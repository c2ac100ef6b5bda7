package cn.jiesu.gateway.console;

import cn.jiesu.core.appeal.AppealRecord;
import cn.jiesu.core.appeal.AppealStatus;
import cn.jiesu.core.appeal.AppealStore;
import cn.jiesu.core.appeal.AppendResult;
import cn.jiesu.core.classify.TriageCorrection;
import cn.jiesu.core.classify.TriageDecisions;
import cn.jiesu.core.console.CallAppeals;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.intake.IntakeCodec;
import cn.jiesu.core.intake.PhoneNumbers;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Appeals in memory: an {@link AppealStore} (dedupe by key) and the console's {@link CallAppeals} view of it. */
final class InMemoryAppeals implements AppealStore, CallAppeals, TriageDecisions {
    final Map<String, AppealRecord> byId = new LinkedHashMap<>();
    final List<TriageCorrection> corrections = new java.util.ArrayList<>();
    final Map<String, String> byDedupe = new LinkedHashMap<>();
    private final String hotline;
    private int enrichCalls;

    InMemoryAppeals(String hotline) {
        this.hotline = hotline;
    }

    @Override
    public synchronized CompletionStage<AppendResult> append(Intake intake) {
        String first = byDedupe.get(intake.dedupeKey());
        if (first != null) {
            return done(new AppendResult(first, byId.get(first).intake().appealNo(), true));
        }
        String no = String.format("251128%06d", byId.size() + 1);
        byId.put(intake.intakeId(), new AppealRecord(intake.toBuilder().appealNo(no).build(), AppealStatus.RECEIVED,
                intake.receivedAt()));
        byDedupe.put(intake.dedupeKey(), intake.intakeId());
        return done(new AppendResult(intake.intakeId(), no, false));
    }

    @Override
    public synchronized CompletionStage<Optional<AppealRecord>> byId(String intakeId) {
        return done(Optional.ofNullable(byId.get(intakeId)));
    }

    @Override
    public CompletionStage<Optional<AppealRecord>> byAppealNo(String appealNo) {
        return done(byId.values().stream().filter(r -> appealNo.equals(r.intake().appealNo())).findFirst());
    }

    @Override
    public synchronized CompletionStage<List<AppealRecord>> byPhone(String phone, int limit) {
        return done(byId.values().stream()
                .filter(r -> Objects.equals(phone, PhoneNumbers.normalize(r.intake().citizen().callerNumber()))
                        || Objects.equals(phone, PhoneNumbers.normalize(r.intake().citizen().phone())))
                .sorted(Comparator.comparing((AppealRecord r) -> r.intake().receivedAt()).reversed())
                .limit(limit).toList());
    }

    @Override
    public CompletionStage<Boolean> updateStatus(String intakeId, AppealStatus status, Instant at) {
        return done(false);
    }

    @Override
    public synchronized CompletionStage<Optional<String>> intakeIdOf(String linkedid) {
        return done(Optional.ofNullable(byDedupe.get("PHONE|" + hotline + "|" + linkedid)));
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
        byId.put(c.intakeId(), new AppealRecord(r.intake().toBuilder().urgency(c.urgency())
                .requestType(c.requestType()).dueAt(dueAt).triage(r.intake().triage().confirmed()).build(),
                r.status(), r.statusAt()));
        return done(true);
    }

    synchronized int enrichCalls() {
        return enrichCalls;
    }

    private static <T> CompletionStage<T> done(T value) {
        return CompletableFuture.completedStage(value);
    }
}
