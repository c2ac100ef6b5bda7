package cn.jiesu.redis.intake;

import cn.jiesu.core.intake.Intake;
import java.util.Objects;

/**
 * One delivery of an intake stream entry to a handler.
 *
 * @param entryId    the stream entry id ({@code 1764300000000-0})
 * @param intake     the decoded intake, appealNo included
 * @param deliveries how many times this entry has been delivered in its group, this delivery included
 */
public record IntakeEntry(String entryId, Intake intake, long deliveries) {
    public IntakeEntry {
        Objects.requireNonNull(entryId, "entryId");
        Objects.requireNonNull(intake, "intake");
    }
}
