package cn.jiesu.core.callback;

import static cn.jiesu.core.callback.Beijing.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CallingWindowTest {
    private final CallingWindow window = CallingWindow.DEFAULT;

    @ParameterizedTest(name = "{0} open={1}")
    @CsvSource({
        "2026-03-10T07:59:59.999, false",
        "2026-03-10T08:00:00, true",
        "2026-03-10T12:00:00, true",
        "2026-03-10T20:59:59.999, true",
        "2026-03-10T21:00:00, false",
        "2026-03-10T23:59:59, false",
        "2026-03-11T00:00:00, false",
        "2026-03-11T03:00:00, false"
    })
    @DisplayName("quiet hours are 21:00 inclusive to 08:00 exclusive, Beijing time")
    void quietHourBoundaries(String local, boolean open) {
        assertThat(window.isOpen(at(local))).isEqualTo(open);
    }

    @Test
    @DisplayName("the next opening after a quiet-hours instant is 08:00 the next morning")
    void nextOpen() {
        assertThat(window.nextOpen(at("2026-03-10T21:00:00"))).isEqualTo(at("2026-03-11T08:00:00"));
        assertThat(window.nextOpen(at("2026-03-11T02:10:00"))).isEqualTo(at("2026-03-11T08:00:00"));
        assertThat(window.nextOpen(at("2026-03-11T08:00:00"))).isEqualTo(at("2026-03-11T08:00:00"));
        assertThat(window.nextOpen(at("2026-03-11T15:00:00"))).isEqualTo(at("2026-03-11T15:00:00"));
    }

    @Test
    @DisplayName("a deadline in quiet hours is brought forward to the evening's 21:00, before midnight or after")
    void lastOpenBy() {
        assertThat(window.lastOpenBy(at("2026-03-10T23:30:00"))).isEqualTo(at("2026-03-10T21:00:00"));
        assertThat(window.lastOpenBy(at("2026-03-11T01:30:00"))).isEqualTo(at("2026-03-10T21:00:00"));
        assertThat(window.lastOpenBy(at("2026-03-11T08:00:00"))).isEqualTo(at("2026-03-10T21:00:00"));
        assertThat(window.lastOpenBy(at("2026-03-11T08:00:00.001"))).isEqualTo(at("2026-03-11T08:00:00.001"));
        assertThat(window.lastOpenBy(at("2026-03-10T21:00:00"))).isEqualTo(at("2026-03-10T21:00:00"));
        assertThat(window.lastOpenBy(at("2026-03-10T14:00:00"))).isEqualTo(at("2026-03-10T14:00:00"));
    }

    @Test
    @DisplayName("a blackout date closes the whole local day, joining the quiet hours on both sides")
    void blackoutDates() {
        CallingWindow w = new CallingWindow(
                CallingWindow.BEIJING, LocalTime.of(21, 0), LocalTime.of(8, 0), Set.of(LocalDate.parse("2026-10-01")));
        assertThat(w.isOpen(at("2026-10-01T12:00:00"))).isFalse();
        assertThat(w.nextOpen(at("2026-09-30T22:00:00"))).isEqualTo(at("2026-10-02T08:00:00"));
        assertThat(w.lastOpenBy(at("2026-10-01T15:00:00"))).isEqualTo(at("2026-09-30T21:00:00"));
        assertThat(w.isOpen(at("2026-10-02T08:00:00"))).isTrue();
    }

    @Test
    @DisplayName("Asia/Shanghai has no daylight saving: every local day is 24 hours, every opening is 08:00")
    void noDst() {
        ZoneId z = CallingWindow.BEIJING;
        assertThat(z.getRules().isFixedOffset()
                        || z.getRules().getTransitions().stream()
                                .noneMatch(t -> t.getInstant().isAfter(Instant.parse("1992-01-01T00:00:00Z"))))
                .isTrue();
        Instant t = at("2026-01-01T21:00:00");
        for (int day = 0; day < 366; day++) {
            Instant open = window.nextOpen(t.plus(Duration.ofDays(day)));
            assertThat(Duration.between(t.plus(Duration.ofDays(day)), open)).isEqualTo(Duration.ofHours(11));
        }
    }

    @Test
    @DisplayName("the open stretch's start is found across midnight when quiet hours sit inside one day")
    void openedAtAcrossMidnight() {
        CallingWindow lunch =
                new CallingWindow(CallingWindow.BEIJING, LocalTime.of(12, 0), LocalTime.of(13, 0), Set.of());
        assertThat(lunch.isOpen(at("2026-03-10T12:30:00"))).isFalse();
        assertThat(lunch.isOpen(at("2026-03-10T23:30:00"))).isTrue();
        assertThat(lunch.openedAt(at("2026-03-11T09:00:00"))).isEqualTo(at("2026-03-10T13:00:00"));
        assertThat(window.openedAt(at("2026-03-11T09:00:00"))).isEqualTo(at("2026-03-11T08:00:00"));
        assertThat(window.openedAt(at("2026-03-11T22:00:00"))).isEqualTo(at("2026-03-11T22:00:00"));
        CallingWindow always = new CallingWindow(CallingWindow.BEIJING, LocalTime.NOON, LocalTime.NOON, Set.of());
        assertThat(always.isOpen(at("2026-03-10T03:00:00"))).isTrue();
        assertThat(always.lastOpenBy(at("2026-03-10T03:00:00"))).isEqualTo(at("2026-03-10T03:00:00"));
    }

    @Test
    @DisplayName("a calendar of blackout dates with no open day within 400 days is refused, not looped on")
    void noOpenTime() {
        java.util.Set<LocalDate> all = new java.util.HashSet<>();
        for (int i = -5; i < 410; i++) {
            all.add(LocalDate.parse("2026-01-01").plusDays(i));
        }
        CallingWindow closed = new CallingWindow(CallingWindow.BEIJING, LocalTime.of(21, 0), LocalTime.of(8, 0), all);
        assertThatThrownBy(() -> closed.nextOpen(at("2026-01-01T10:00:00"))).isInstanceOf(IllegalStateException.class);
    }
}
