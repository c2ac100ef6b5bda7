package cn.jiesu.core.rates;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/** The periods 三率 are reported for: a day, an ISO week (Monday to Sunday), a calendar month; local dates. */
public enum RatePeriod {
    DAY,
    WEEK,
    MONTH;

    /** The first day of the period containing {@code date}. */
    public LocalDate start(LocalDate date) {
        return switch (this) {
            case DAY -> date;
            case WEEK -> date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> date.withDayOfMonth(1);
        };
    }

    /** The last day of the period containing {@code date}. */
    public LocalDate end(LocalDate date) {
        return switch (this) {
            case DAY -> date;
            case WEEK -> start(date).plusDays(6);
            case MONTH -> date.with(TemporalAdjusters.lastDayOfMonth());
        };
    }

    /** Every day of the period containing {@code date}, in order. */
    public List<LocalDate> days(LocalDate date) {
        List<LocalDate> out = new ArrayList<>(31);
        for (LocalDate d = start(date); !d.isAfter(end(date)); d = d.plusDays(1)) {
            out.add(d);
        }
        return out;
    }
}
