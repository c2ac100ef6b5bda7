package cn.jiesu.gateway.problems;

import cn.jiesu.core.config.ConfigNode;

/**
 * The {@code problems.*} section of jiesu.yaml (recurring problems, docs/problems.md); a bad value fails start-up
 * with a ConfigException naming its key.
 *
 * @param enabled         whether this instance runs the {@code problems} consumer group
 * @param retentionMonths how many months after its end a month is kept (25..120)
 * @param appealsPerMonth appeal ids kept per pair and month, the newest (1..10000)
 * @param floor           the count a month needs for a pair to be present in it (1..1000)
 */
public record ProblemsConfig(boolean enabled, int retentionMonths, int appealsPerMonth, int floor) {
    /** Seasonality compares a calendar month with itself one and two years before. */
    public static final int MIN_RETENTION_MONTHS = 25;

    public static ProblemsConfig from(ConfigNode t) {
        return new ProblemsConfig(
                t.bool("problems.enabled"),
                t.integer("problems.retention-months", MIN_RETENTION_MONTHS, 120),
                t.integer("problems.appeals-per-month", 1, 10_000),
                t.integer("problems.floor", 1, 1000));
    }
}
