package cn.jiesu.core.intake;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The dates an input may name: years 1 to 9999. {@code java.time} parses far wider ones (ISO-8601 allows a sign and
 * up to nine digits: {@code +999999999-01-01}, {@code -0001-01-01}), and arithmetic, formatting or Redis scores on
 * them overflow deep inside a handler, which answered 500; every parser of a client's date checks here first so
 * the client gets a 400 naming the field instead.
 */
public final class DateBounds {
    public static final int MIN_YEAR = 1;
    public static final int MAX_YEAR = 9999;
    /** A day inside the years on both sides, so that any zone offset (±18 h) keeps an instant's date inside them. */
    private static final Instant FIRST =
            LocalDate.of(MIN_YEAR, 1, 2).atStartOfDay().toInstant(ZoneOffset.UTC);

    private static final Instant LAST =
            LocalDate.of(MAX_YEAR, 12, 31).atStartOfDay().toInstant(ZoneOffset.UTC);

    private DateBounds() {}

    public static boolean contains(LocalDate date) {
        return date.getYear() >= MIN_YEAR && date.getYear() <= MAX_YEAR;
    }

    public static boolean contains(LocalDateTime time) {
        return contains(time.toLocalDate());
    }

    public static boolean contains(Instant instant) {
        return !instant.isBefore(FIRST) && instant.isBefore(LAST);
    }

    /**
     * {@code instant} when inside the bounds, else null: for a time a platform pushes (Weibo, WeChat), which must not
     * be refused (the platform retries the push forever) but cannot be stored or passed on either; null is the
     * intake's "not known" ({@code occurredAt}), and {@code receivedAt} still says when the message came.
     */
    public static Instant orUnknown(Instant instant) {
        return instant != null && contains(instant) ? instant : null;
    }

    /** For error messages: what the bounds are. */
    public static String describe() {
        return "a year from " + MIN_YEAR + " to " + MAX_YEAR;
    }
}
