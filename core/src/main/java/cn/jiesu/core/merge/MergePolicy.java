package cn.jiesu.core.merge;

import cn.jiesu.core.config.ConfigException;
import java.time.Duration;

/**
 * When two appeals of one citizen count as the same problem.
 *
 * @param window                 how far apart in time the two may have been received (72 h by default)
 * <p>Similarity is the better of {@link TextSimilarity#dice} and {@link TextSimilarity#overlap}: a re-submission in
 * another register (a Weibo post after a form, a phone transcript after a WeChat message, a one-line reminder)
 * shares few character pairs with the first text, or lies inside it.
 *
 * @param minSimilarity          minimum similarity of two texts of which at most one names a topic
 * @param requireSameRequestType for texts that do not share a topic, both must have the same request type (off by
 *                               default: a reminder about the same matter is often a complaint about the delay)
 * @param minSharedTopic         minimum similarity of two texts that name a common topic
 */
public record MergePolicy(
        Duration window, double minSimilarity, boolean requireSameRequestType, double minSharedTopic) {
    /** Chosen on the pairs' train and dev splits (docs/triage.md). */
    public static final MergePolicy DEFAULT = new MergePolicy(Duration.ofHours(72), 0.12, false, 0.10);

    public MergePolicy {
        if (window == null || window.isNegative() || window.isZero()) {
            throw new ConfigException("merge.window", "must be positive");
        }
        if (!(minSimilarity > 0 && minSimilarity <= 1)) {
            throw new ConfigException("merge.minSimilarity", "must be in (0, 1], was " + minSimilarity);
        }
        if (!(minSharedTopic > 0 && minSharedTopic <= 1)) {
            throw new ConfigException("merge.minSharedTopic", "must be in (0, 1], was " + minSharedTopic);
        }
    }
}
