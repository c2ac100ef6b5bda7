package cn.jiesu.redis.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AppealNumbersTest {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 28);

    @Test
    @DisplayName("The date part follows the Beijing calendar day, not UTC")
    void beijingDay() {
        assertThat(AppealNumbers.dayOf(Instant.parse("2026-11-27T15:59:59Z"))).isEqualTo(LocalDate.of(2026, 11, 27));
        assertThat(AppealNumbers.dayOf(Instant.parse("2026-11-27T16:00:00Z"))).isEqualTo(DAY);
        assertThat(AppealNumbers.datePart(DAY)).isEqualTo("261128");
    }

    @Test
    @DisplayName("The sequence is zero-padded to six digits")
    void padded() {
        assertThat(AppealNumbers.format(DAY, 42)).isEqualTo("261128000042");
        assertThat(AppealNumbers.format(DAY, 1)).isEqualTo("261128000001");
        assertThat(AppealNumbers.format(DAY, 999_999)).isEqualTo("261128999999");
    }

    @Test
    @DisplayName("A day past 999,999 appeals gets longer numbers rather than wrapping")
    void longer() {
        assertThat(AppealNumbers.format(DAY, 1_000_000)).isEqualTo("2611281000000");
    }

    @Test
    @DisplayName("Sequences start at 1")
    void positive() {
        assertThatThrownBy(() -> AppealNumbers.format(DAY, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
