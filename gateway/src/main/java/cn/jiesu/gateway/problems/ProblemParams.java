package cn.jiesu.gateway.problems;

import cn.jiesu.core.problems.ProblemKey;
import cn.jiesu.core.problems.ProblemLevel;
import cn.jiesu.gateway.http.ApiError;
import cn.jiesu.gateway.http.MonthParam;
import java.time.YearMonth;
import java.util.Locale;

/** The query parameters of the problems routes, checked: each bad one is a 400 naming it. */
final class ProblemParams {
    private ProblemParams() {}

    /** A month {@code YYYY-MM} ({@link MonthParam}), or null when absent. */
    static YearMonth month(String name, String raw) {
        return MonthParam.parse(name, raw);
    }

    static String topic(String raw, boolean required) {
        if (raw == null || raw.isBlank()) {
            if (required) {
                throw ApiError.badRequest("topic", "'topic' is required (a triage topic, e.g. water)");
            }
            return null;
        }
        if (!ProblemKey.usable(raw)) {
            throw ApiError.badRequest("topic", "'topic' must be a triage topic of at most 64 characters, no '|'");
        }
        return raw.trim();
    }

    /** A district or street name: at most 64 characters, no '|'; null when absent. */
    static String place(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        if (!ProblemKey.usable(raw)) {
            throw ApiError.badRequest(name, "'" + name + "' must be a gazetteer name of at most 64 characters, no '|'");
        }
        return raw.trim();
    }

    /** {@code street}, {@code district} or {@code city}; null when absent. */
    static ProblemLevel level(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return ProblemLevel.valueOf(raw.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("level", "'level' must be street, district or city");
        }
    }

    static int integer(String name, String raw, int min, int max, int fallback) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        String t = raw.trim();
        // ASCII digits only: Integer.parseInt also takes fullwidth (５) and other scripts' digits, and a sign.
        if (t.matches("[0-9]{1,9}")) {
            int n = Integer.parseInt(t);
            if (n >= min && n <= max) {
                return n;
            }
        }
        throw ApiError.badRequest(name, "'" + name + "' must be a whole number from " + min + " to " + max);
    }
}
