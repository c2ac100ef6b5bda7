package cn.jiesu.core.callback;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * When non-emergency callbacks may be placed: never in the daily quiet hours (default 21:00–08:00 Asia/Shanghai)
 * nor on blackout dates (whole local days). Emergencies ignore the window; callers decide that.
 *
 * <p>Open time is a set of half-open intervals {@code [opens, closes)} in the zone: with quiet hours 21:00–08:00,
 * each non-blackout day is open {@code [08:00, 21:00)}. {@code quietStart == quietEnd} means no quiet hours;
 * {@code quietStart < quietEnd} is a quiet stretch inside one day (e.g. 12:00–13:30). Asia/Shanghai has had no
 * daylight saving since 1991, so every day has 24 hours; other zones work too (local times are resolved with
 * {@link java.time.ZonedDateTime} rules). Immutable, thread-safe.
 */
public record CallingWindow(ZoneId zone, LocalTime quietStart, LocalTime quietEnd, Set<LocalDate> blackoutDates) {
    public static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    public static final LocalTime DEFAULT_QUIET_START = LocalTime.of(21, 0);
    public static final LocalTime DEFAULT_QUIET_END = LocalTime.of(8, 0);
    public static final CallingWindow DEFAULT =
            new CallingWindow(BEIJING, DEFAULT_QUIET_START, DEFAULT_QUIET_END, Set.of());
    /** How far the searches look for open time; a calendar of blackout dates longer than this is a mistake. */
    static final int MAX_SCAN_DAYS = 400;

    public CallingWindow {
        Objects.requireNonNull(zone, "callbacks.zone: required");
        Objects.requireNonNull(quietStart, "callbacks.quiet-start: required");
        Objects.requireNonNull(quietEnd, "callbacks.quiet-end: required");
        blackoutDates = blackoutDates == null ? Set.of() : Set.copyOf(blackoutDates);
    }

    /** True when a non-emergency callback may be placed at {@code t}. */
    public boolean isOpen(Instant t) {
        ZonedDateTime local = t.atZone(zone);
        return !blackoutDates.contains(local.toLocalDate()) && !inQuietHours(local.toLocalTime());
    }

    /** {@code t} itself when open, else the next instant the window opens. */
    public Instant nextOpen(Instant t) {
        LocalDate day = t.atZone(zone).toLocalDate();
        for (int i = -1; i <= MAX_SCAN_DAYS; i++) {
            for (Instant[] open : openIntervals(day.plusDays(i))) {
                if (open[1].isAfter(t)) {
                    return open[0].isAfter(t) ? open[0] : t;
                }
            }
        }
        throw new IllegalStateException("calling window has no open time within " + MAX_SCAN_DAYS + " days of " + t);
    }

    /**
     * The latest instant not after {@code deadline} at which the window is still open, as the end of a half-open
     * interval: {@code deadline} itself when the window is open just before it, else the moment the window closed
     * before it (for a deadline of 23:30 with quiet hours from 21:00: 21:00 the same evening).
     */
    public Instant lastOpenBy(Instant deadline) {
        LocalDate day = deadline.atZone(zone).toLocalDate();
        for (int i = 1; i >= -MAX_SCAN_DAYS; i--) {
            List<Instant[]> intervals = openIntervals(day.plusDays(i));
            for (int k = intervals.size() - 1; k >= 0; k--) {
                Instant[] open = intervals.get(k);
                if (open[0].isBefore(deadline)) {
                    return open[1].isBefore(deadline) ? open[1] : deadline;
                }
            }
        }
        throw new IllegalStateException(
                "calling window has no open time within " + MAX_SCAN_DAYS + " days before " + deadline);
    }

    /**
     * When the open stretch containing {@code t} began (adjacent intervals across midnight count as one); {@code t}
     * itself when the window is closed at {@code t}.
     */
    public Instant openedAt(Instant t) {
        if (!isOpen(t)) {
            return t;
        }
        LocalDate day = t.atZone(zone).toLocalDate();
        Instant start = t;
        for (int i = 1; i >= -MAX_SCAN_DAYS; i--) {
            List<Instant[]> intervals = openIntervals(day.plusDays(i));
            for (int k = intervals.size() - 1; k >= 0; k--) {
                Instant[] open = intervals.get(k);
                if (!open[0].isAfter(start) && !open[1].isBefore(start)) {
                    start = open[0];
                } else if (open[1].isBefore(start)) {
                    return start;
                }
            }
        }
        return start;
    }

    boolean inQuietHours(LocalTime time) {
        int c = quietStart.compareTo(quietEnd);
        if (c == 0) {
            return false;
        }
        if (c < 0) {
            return !time.isBefore(quietStart) && time.isBefore(quietEnd);
        }
        return !time.isBefore(quietStart) || time.isBefore(quietEnd);
    }

    /** The open intervals of one local day, in time order. */
    List<Instant[]> openIntervals(LocalDate day) {
        List<Instant[]> out = new ArrayList<>(2);
        if (blackoutDates.contains(day)) {
            return out;
        }
        Instant dayStart = day.atStartOfDay(zone).toInstant();
        Instant nextDay = day.plusDays(1).atStartOfDay(zone).toInstant();
        Instant start = day.atTime(quietStart).atZone(zone).toInstant();
        Instant end = day.atTime(quietEnd).atZone(zone).toInstant();
        int c = quietStart.compareTo(quietEnd);
        if (c == 0) {
            out.add(new Instant[] {dayStart, nextDay});
        } else if (c < 0) {
            if (start.isAfter(dayStart)) {
                out.add(new Instant[] {dayStart, start});
            }
            out.add(new Instant[] {end, nextDay});
        } else {
            out.add(new Instant[] {end, start});
        }
        return out;
    }
}
