package cn.jiesu.gateway.http;

import java.time.Clock;
import java.util.Objects;
import org.slf4j.Logger;

/**
 * One line per action that reaches outside Jiesu or changes the record others count on (a callback booked, a
 * click-to-call, an appeal marked RESOLVED): who, what, on which appeal, when. Written to its own logger
 * ({@code jiesu.audit}) so operators can ship it to a separate, append-only store. Never carries a secret or a full
 * phone number: numbers are masked to their last four digits. Thread-safe (the logger is).
 */
public final class AuditLog {
    private final Logger log;
    private final Clock clock;

    public AuditLog(Logger log, Clock clock) {
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param action  dotted name, e.g. {@code callback.book}
     * @param who     the principal ({@code case:1a2b3c4d}, {@code admin}, {@code agent:8001})
     * @param details key, value, key, value…; values are printed as given, so mask numbers with {@link #mask}
     */
    public void record(String action, String who, String... details) {
        if (details.length % 2 != 0) {
            throw new IllegalArgumentException("details: key/value pairs");
        }
        StringBuilder rest = new StringBuilder();
        for (int i = 0; i < details.length; i += 2) {
            rest.append(' ').append(details[i]).append('=').append(clean(details[i + 1]));
        }
        log.info("audit action={} who={} at={}{}", action, clean(who), clock.instant(), rest);
    }

    /** A number with all but its last four digits hidden ({@code *******8000}); null stays null. */
    public static String mask(String number) {
        if (number == null) {
            return null;
        }
        int keep = Math.min(4, number.length());
        return "*".repeat(number.length() - keep) + number.substring(number.length() - keep);
    }

    /** No spaces, '=' or control characters from a value: one audit record is one line that splits on spaces. */
    private static String clean(Object v) {
        return v == null ? "-" : v.toString().replaceAll("[\\s=\\p{Cntrl}]", "_");
    }
}
