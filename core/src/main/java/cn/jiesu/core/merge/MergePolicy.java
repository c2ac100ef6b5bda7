package cn.jiesu.core.merge;

import java.time.Duration;

/**
 * When two appeals of one citizen count as the same problem.
 *
 * @param window                 how far apart in time the two may have been received (72 h by default)
 * @param minSimilarity          minimum {@link TextSimilarity#dice} of the two texts (0.40 by default; see
 *                               CrossChannelMergeTest for the examples behind the number)
 * @param requireSameRequestType the category check: both must have the same request type
 */
public record MergePolicy(Duration window, double minSimilarity, boolean requireSameRequestType) {
    public static final MergePolicy DEFAULT = new MergePolicy(Duration.ofHours(72), 0.40, true);

    public MergePolicy {
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("merge.window: must be positive");
        }
        if (!(minSimilarity > 0 && minSimilarity <= 1)) {
            throw new IllegalArgumentException("merge.minSimilarity: must be in (0, 1], was " + minSimilarity);
        }
    }
}
