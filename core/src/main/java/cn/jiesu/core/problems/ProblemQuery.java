package cn.jiesu.core.problems;

import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Set;

/**
 * What to rank: the months {@code from..to}, optionally one topic and one district, the levels to list, how many.
 *
 * @param topic    null for every topic
 * @param district null for every district
 * @param levels   by default district and street pairs; the city-wide ones are asked for on their own
 */
public record ProblemQuery(
        YearMonth from, YearMonth to, String topic, String district, Set<ProblemLevel> levels, int limit) {
    /** The longest range one request may rank, in months. */
    public static final int MAX_SPAN = 36;

    public ProblemQuery {
        if (from == null || to == null || from.isAfter(to)) {
            throw new IllegalArgumentException("from must not be after to");
        }
        if (span(from, to) > MAX_SPAN) {
            throw new IllegalArgumentException("at most " + MAX_SPAN + " months");
        }
        if (levels == null || levels.isEmpty()) {
            levels = EnumSet.of(ProblemLevel.DISTRICT, ProblemLevel.STREET);
        }
        levels = Set.copyOf(levels);
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
    }

    /** The number of months in {@code from..to}, both counted. */
    public static long span(YearMonth from, YearMonth to) {
        return ChronoUnit.MONTHS.between(from, to) + 1;
    }

    public int months() {
        return (int) span(from, to);
    }

    boolean wants(ProblemKey k) {
        return levels.contains(k.level())
                && (topic == null || topic.equals(k.topic()))
                && (district == null || district.equals(k.district()));
    }
}
