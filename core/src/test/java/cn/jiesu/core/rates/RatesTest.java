package cn.jiesu.core.rates;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.core.intake.Location;
import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RatesTest {
    @Test
    @DisplayName("三率 follow the written formulas and are undefined on an empty denominator")
    void formulas() {
        RateCounts c = new RateCounts(200, 190, 100, 85, 60, 20, 10, 7);
        assertThat(c.responseRate()).isEqualTo(0.95);
        assertThat(c.resolutionRate()).isEqualTo(0.85);
        assertThat(c.surveyed()).isEqualTo(90);
        assertThat(c.satisfactionRate()).isEqualTo(80.0 / 90);
        assertThat(RateCounts.ZERO.responseRate()).isNull();
        assertThat(RateCounts.ZERO.satisfactionRate()).isNull();
        assertThat(c.plus(c).due()).isEqualTo(400);
    }

    @Test
    @DisplayName("periods: the day, the ISO week from Monday, the calendar month")
    void periods() {
        LocalDate d = LocalDate.parse("2026-03-11");
        assertThat(RatePeriod.DAY.days(d)).containsExactly(d);
        assertThat(RatePeriod.WEEK.days(d))
                .hasSize(7)
                .startsWith(LocalDate.parse("2026-03-09"))
                .endsWith(LocalDate.parse("2026-03-15"));
        assertThat(RatePeriod.MONTH.days(d)).hasSize(31).startsWith(LocalDate.parse("2026-03-01"));
        assertThat(RatePeriod.MONTH.days(LocalDate.parse("2028-02-10"))).hasSize(29);
    }

    @Test
    @DisplayName("scopes come from the location; missing parts are 'unknown' and separators are replaced")
    void scopes() {
        assertThat(RateScope.of(null)).isEqualTo(new RateScope("unknown", "unknown"));
        assertThat(RateScope.of(new Location("x", null, null, null, " 朝阳区 ", "望京街道", null)))
                .isEqualTo(new RateScope("朝阳区", "望京街道"));
        assertThat(RateScope.clean("a/b:c")).isEqualTo("a_b_c");
    }
}
