package cn.jiesu.gateway.http;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * A month query parameter ({@code YYYY-MM}), as every route that takes one reads it: the ranking's {@code month}
 * and the recurring problems' {@code from}, {@code to} and {@code month}. One range for all of them, 2000-01 to
 * 9999-12: a 12345 hotline has no appeals from before 2000, and the problems' 36-month look-back from the first
 * month stays in years that format as four plain digits (they are part of Redis keys and CSV file names).
 */
public final class MonthParam {
    public static final YearMonth FIRST = YearMonth.of(2000, 1);
    public static final YearMonth LAST = YearMonth.of(9999, 12);
    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");

    private MonthParam() {}

    /** The month, or null when the parameter is absent or blank; a 400 naming {@code name} when malformed. */
    public static YearMonth parse(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String s = raw.trim();
        YearMonth m = null;
        if (MONTH.matcher(s).matches()) {
            try {
                m = YearMonth.parse(s);
            } catch (DateTimeParseException e) {
                m = null; // 2026-13: the pattern lets it through, the calendar does not
            }
        }
        if (m == null || m.isBefore(FIRST) || m.isAfter(LAST)) {
            throw ApiError.badRequest(name, "'" + name + "' must be a month YYYY-MM between " + FIRST + " and " + LAST);
        }
        return m;
    }
}
