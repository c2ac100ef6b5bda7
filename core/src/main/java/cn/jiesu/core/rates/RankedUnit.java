package cn.jiesu.core.rates;

import cn.jiesu.core.place.Unit;
import java.util.Objects;

/**
 * One street-level unit in a month's ranking: its counts, composite score and rank.
 *
 * @param score null when none of its rates has a denominator
 * @param rank  1 for the best; units with the same score share a rank (1, 1, 3); null for units without a score
 */
public record RankedUnit(Unit unit, RateCounts counts, Double score, Integer rank) {
    public RankedUnit {
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(counts, "counts");
        if ((score == null) != (rank == null)) {
            throw new IllegalArgumentException("a unit has both a score and a rank, or neither");
        }
    }
}
