package cn.jiesu.core.problems;

import java.time.Instant;
import java.util.List;

/**
 * A page of the appeals behind one pair in one month, newest first.
 *
 * @param total the month's exact count of the pair
 * @param kept  how many of them the store keeps ids of (at most its per-month cap, the newest)
 * @param ids   the page, newest first
 */
public record ProblemAppeals(long total, long kept, List<Entry> ids) {
    public ProblemAppeals {
        ids = List.copyOf(ids);
    }

    /** An appeal's id and when it was received. */
    public record Entry(String intakeId, Instant receivedAt) {}
}
