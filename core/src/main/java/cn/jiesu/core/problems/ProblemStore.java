package cn.jiesu.core.problems;

import java.time.YearMonth;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Monthly counts per (topic, place) pair and the appeals behind them, for recurring problems (举一反三). Each
 * appeal counts at most once however often it is handed in (the intake stream delivers at least once). A month's
 * counts are exact; its appeal ids are capped per pair (the newest kept). Thread-safe, non-blocking.
 */
public interface ProblemStore {
    /** Counts the appeal under each of its keys in its month; true when counted, false for a repeat. */
    CompletionStage<Boolean> count(ProblemAppeal appeal);

    /**
     * Every pair with a count in {@code from..to} (inclusive), with its counts per month, index 0 = {@code from};
     * months without a count (or already expired) are 0.
     */
    CompletionStage<Map<ProblemKey, long[]>> counts(YearMonth from, YearMonth to);

    /** The appeals kept for a pair in a month, newest first, from {@code offset}, at most {@code limit}. */
    CompletionStage<ProblemAppeals> appeals(ProblemKey key, YearMonth month, int offset, int limit);
}
