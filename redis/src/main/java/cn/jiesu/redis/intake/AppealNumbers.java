package cn.jiesu.redis.intake;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The appeal number read to citizens: {@code yyMMdd} of the day the intake was received in Beijing time, then a
 * per-day sequence zero-padded to six digits ({@code 261128000042}); a day past 999,999 appeals just gets longer
 * numbers. The append script formats the same way ({@code string.format('%s%06d', ...)}); an IT holds the two
 * together.
 */
public final class AppealNumbers {
    /** Appeal numbers follow the city's calendar day, whatever zone the server runs in. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd");

    private AppealNumbers() {}

    /** The calendar day in Beijing of {@code receivedAt}. */
    public static LocalDate dayOf(Instant receivedAt) {
        return LocalDate.ofInstant(receivedAt, ZONE);
    }

    /** The six-digit date part of the numbers of {@code day}. */
    public static String datePart(LocalDate day) {
        return day.format(YYMMDD);
    }

    /** The number of the {@code sequence}-th appeal of {@code day}, counting from 1. */
    public static String format(LocalDate day, long sequence) {
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence: must be positive");
        }
        return datePart(day) + String.format("%06d", sequence);
    }
}
