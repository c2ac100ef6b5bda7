package cn.jiesu.redis.problems;

import cn.jiesu.core.problems.ProblemKey;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;

/**
 * The Redis keys of recurring problems, from the configured prefix. With the default prefix:
 * {@code jiesu:problems:{yyyyMM}} (hash: pair {@code topic|district|street} → the month's exact count),
 * {@code jiesu:problems:{yyyyMM}:{pair}} (zset: the newest appeal ids of the pair that month, scored by receivedAt
 * ms), {@code jiesu:problems:seen:{yyyyMMdd}} (set: the appeals received that day already counted). Immutable.
 */
public final class ProblemKeys {
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyyMM");

    private final String p;

    public ProblemKeys(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            throw new IllegalArgumentException("prefix: required");
        }
        this.p = prefix + "problems:";
    }

    public String month(YearMonth m) {
        return p + MONTH.format(m);
    }

    /** The prefix of a month's id sets; the pair's storage form follows. */
    public String idsPrefix(YearMonth m) {
        return month(m) + ":";
    }

    public String ids(YearMonth m, ProblemKey key) {
        return idsPrefix(m) + key.encode();
    }

    public String seen(LocalDate day) {
        return p + "seen:" + DateTimeFormatter.BASIC_ISO_DATE.format(day);
    }
}
