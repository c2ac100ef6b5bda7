package cn.jiesu.core.problems;

import java.time.YearMonth;
import java.util.List;

/**
 * One ranked (topic, place) pair over a range of months; {@link ProblemRanking} says how each figure is computed.
 *
 * @param from   the range's first month; {@code counts.get(i)} is month {@code from + i}
 * @param counts the pair's count per month of the range
 */
public record RecurringProblem(
        ProblemKey key,
        YearMonth from,
        List<Long> counts,
        long total,
        int monthsPresent,
        Trend trend,
        Seasonality seasonality,
        double score) {
    public RecurringProblem {
        counts = List.copyOf(counts);
    }

    /** The last month of the range with a count, or null. */
    public YearMonth latestMonth() {
        for (int i = counts.size() - 1; i >= 0; i--) {
            if (counts.get(i) > 0) {
                return from.plusMonths(i);
            }
        }
        return null;
    }
}
