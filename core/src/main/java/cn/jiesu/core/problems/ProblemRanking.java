package cn.jiesu.core.problems;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Ranks (topic, place) pairs so that chronic and growing problems come first, for the 月度一题 meeting (docs/problems.md).
 * Over the query's {@code n} months with counts {@code c_m}:
 *
 * <ul>
 *   <li>{@code total = Σ c_m}; {@code monthsPresent = #{m : c_m ≥ floor}}; {@code recurrence = monthsPresent / n}.
 *   <li>{@link Trend}: the last three months of the range against the three before them.
 *   <li>{@link Seasonality}: over the history, from the first month the store has any count (at most
 *       {@value #HISTORY} months back from {@code to}) to {@code to}.
 *   <li>{@code score = recurrence × ln(1 + total) × √clamp(trend.ratio, 0.5, 2)}, rounded to 3 decimals: a pair seen
 *       every month outranks a one-month burst of the same volume ({@code recurrence} 1 against 1/n), more volume
 *       ranks higher but only logarithmically, and a growing pair gets up to ×1.41, a shrinking one down to ×0.71.
 * </ul>
 *
 * Pairs never at or above the floor in the range are not listed. A district pair is left out when one of its streets
 * carries at least {@value #FOLD_SHARE} of its total in the range and both levels are listed: it would only repeat
 * that street's entry above it; a district whose appeals spread over several streets stays, as a district-wide problem.
 * Ties: higher total, then the key. Pure and thread-safe.
 */
public final class ProblemRanking {
    /** How many months, ending at the range's last, are read for seasonality and trend. */
    public static final int HISTORY = 36;

    static final double FOLD_SHARE = 0.8;

    private final int floor;

    /** @param floor the count a month needs for the pair to be present in it (≥ 1) */
    public ProblemRanking(int floor) {
        if (floor < 1) {
            throw new IllegalArgumentException("floor: at least 1");
        }
        this.floor = floor;
    }

    /** The first month {@link #rank} needs counts from. */
    public static YearMonth historyFrom(ProblemQuery q) {
        YearMonth h = q.to().minusMonths(HISTORY - 1);
        return h.isBefore(q.from()) ? h : q.from();
    }

    /**
     * Ranks the pairs of {@code counts} (per month from {@link #historyFrom}(q) to {@code q.to()}) for the query,
     * best first, at most {@code q.limit()}.
     */
    public List<RecurringProblem> rank(Map<ProblemKey, long[]> counts, ProblemQuery q) {
        YearMonth first = historyFrom(q);
        int end = (int) ProblemQuery.span(first, q.to()) - 1;
        int offset = (int) ProblemQuery.span(first, q.from()) - 1;
        int start = historyStart(counts, end);
        List<RecurringProblem> all = new ArrayList<>();
        for (Map.Entry<ProblemKey, long[]> e : counts.entrySet()) {
            if (!q.wants(e.getKey())) {
                continue;
            }
            RecurringProblem p = problem(e.getKey(), e.getValue(), first, offset, end, start, q);
            if (p.monthsPresent() > 0) {
                all.add(p);
            }
        }
        List<RecurringProblem> kept = q.levels().contains(ProblemLevel.STREET) ? fold(all) : all;
        return kept.stream()
                .sorted(Comparator.comparingDouble(RecurringProblem::score)
                        .reversed()
                        .thenComparing(Comparator.comparingLong(RecurringProblem::total)
                                .reversed())
                        .thenComparing(p -> p.key().encode()))
                .limit(q.limit())
                .toList();
    }

    private RecurringProblem problem(
            ProblemKey key, long[] c, YearMonth first, int offset, int end, int start, ProblemQuery q) {
        List<Long> months = new ArrayList<>();
        long total = 0;
        int present = 0;
        for (int i = offset; i <= end; i++) {
            months.add(c[i]);
            total += c[i];
            if (c[i] >= floor) {
                present++;
            }
        }
        Trend trend = Trend.at(c, end);
        Seasonality season = Seasonality.of(c, first, start, end);
        double recurrence = (double) present / q.months();
        double growth = Math.sqrt(Math.max(0.5, Math.min(2.0, trend.ratio())));
        double score = recurrence * Math.log1p(total) * growth;
        return new RecurringProblem(
                key, q.from(), months, total, present, trend, season, Math.round(score * 1000) / 1000.0);
    }

    /** The first index any pair has a count at: where the store's history starts (expired months are 0). */
    private static int historyStart(Map<ProblemKey, long[]> counts, int end) {
        int start = end;
        for (long[] c : counts.values()) {
            for (int i = 0; i < start; i++) {
                if (c[i] > 0) {
                    start = i;
                    break;
                }
            }
        }
        return start;
    }

    private static List<RecurringProblem> fold(List<RecurringProblem> all) {
        Map<ProblemKey, Long> topStreet = new HashMap<>();
        for (RecurringProblem p : all) {
            if (p.key().level() == ProblemLevel.STREET) {
                topStreet.merge(p.key().parent(), p.total(), Math::max);
            }
        }
        return all.stream()
                .filter(p -> p.key().level() != ProblemLevel.DISTRICT
                        || topStreet.getOrDefault(p.key(), 0L) < FOLD_SHARE * p.total())
                .toList();
    }
}
