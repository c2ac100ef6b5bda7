package cn.jiesu.ivr.ami;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/** How AMI spells values: {@code <unknown>} for absent, epoch seconds with micros for timestamps. */
final class AmiValues {
    /** The literals Asterisk-Java treats as "no value" (case-insensitive), so both translation paths agree. */
    private static final Set<String> NULLS = Set.of(
            "<unknown>",
            "unknown",
            "none",
            "<none>",
            "-none-",
            "(none)",
            "<not set>",
            "(not set)",
            "<no name>",
            "n/a",
            "<null>",
            "(null)",
            "");

    private AmiValues() {}

    static String orNull(String value) {
        return value == null || value.length() <= 10 && NULLS.contains(value.toLowerCase(Locale.ROOT)) ? null : value;
    }

    /** AMI's yes/no fields: {@code 1}, {@code true}, {@code yes} (any case) are true; anything else false. */
    static boolean flag(String value) {
        return value != null && (value.equals("1") || value.equalsIgnoreCase("true") || value.equalsIgnoreCase("yes"));
    }

    static int integer(String value, int fallback) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    static int integer(Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    /** {@code Timestamp: 1795844503.045072} (manager.conf timestampevents) or, without one, the clock. */
    static Instant timestamp(String value, Clock clock) {
        if (value != null && !value.isEmpty()) {
            int dot = value.indexOf('.');
            try {
                long seconds = Long.parseLong(dot < 0 ? value : value.substring(0, dot));
                long micros = dot < 0 ? 0 : Long.parseLong((value.substring(dot + 1) + "000000").substring(0, 6));
                return Instant.ofEpochSecond(seconds, micros * 1000);
            } catch (NumberFormatException e) {
                return clock.instant();
            }
        }
        return clock.instant();
    }

    static Instant timestamp(Double value, Clock clock) {
        if (value == null) {
            return clock.instant();
        }
        long micros = Math.round(value * 1_000_000d);
        return Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1000);
    }

    /** Asterisk-Java prefixes our ActionID with {@code <internal id>#}; the raw wire shows it too. */
    static String stripInternalActionId(String actionId) {
        if (actionId == null) {
            return null;
        }
        int hash = actionId.indexOf('#');
        return hash < 0 ? actionId : actionId.substring(hash + 1);
    }
}
