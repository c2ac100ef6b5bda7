package cn.jiesu.core.problems;

import cn.jiesu.core.intake.Intake;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;

/**
 * One appeal as recurring problems count it: in the local month it was received, under every pair it belongs to.
 *
 * @param month the month of {@code receivedAt} in the configured zone (Asia/Shanghai)
 * @param keys  {@link ProblemKey#of}: empty when triage found no topic
 */
public record ProblemAppeal(String intakeId, Instant receivedAt, YearMonth month, List<ProblemKey> keys) {
    public ProblemAppeal {
        if (intakeId == null || intakeId.isBlank()) {
            throw new IllegalArgumentException("intakeId: required");
        }
        if (receivedAt == null || month == null) {
            throw new IllegalArgumentException("receivedAt, month: required");
        }
        keys = List.copyOf(keys);
    }

    public static ProblemAppeal of(Intake in, ZoneId zone) {
        List<ProblemKey> keys =
                in.triage() == null ? List.of() : ProblemKey.of(in.triage().topics(), in.place());
        return new ProblemAppeal(
                in.intakeId(), in.receivedAt(), YearMonth.from(in.receivedAt().atZone(zone)), keys);
    }
}
