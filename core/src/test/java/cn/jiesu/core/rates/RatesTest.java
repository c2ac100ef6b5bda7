package cn.jiesu.core.rates;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.core.intake.Channel;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.intake.Location;
import cn.jiesu.core.intake.PlaceMark;
import java.time.Instant;
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
    @DisplayName("scopes come from the gazetteer's place, never the citizen's spelling; unplaced is 'unknown'")
    void scopes() {
        Intake typed = Intake.builder()
                .intakeId("01J00000000000000000000000")
                .channel(Channel.APP)
                .channelAccount("web")
                .channelMessageId("m1")
                .receivedAt(Instant.EPOCH)
                .location(new Location("x", null, null, null, " 朝阳 ", "望京", null))
                .build();
        assertThat(RateScope.of(typed)).isEqualTo(new RateScope("unknown", "unknown"));
        Intake placed =
                typed.toBuilder().place(new PlaceMark("朝阳区", "望京街道", 0.9)).build();
        assertThat(RateScope.of(placed)).isEqualTo(new RateScope("朝阳区", "望京街道"));
        Intake districtOnly =
                typed.toBuilder().place(new PlaceMark("朝阳区", null, 0.8)).build();
        assertThat(RateScope.of(districtOnly)).isEqualTo(new RateScope("朝阳区", "unknown"));
        assertThat(RateScope.clean("a/b:c")).isEqualTo("a_b_c");
    }
}
