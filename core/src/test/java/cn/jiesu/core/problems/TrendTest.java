package cn.jiesu.core.problems;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TrendTest {
    @Test
    @DisplayName("the last quarter against the one before, add-one smoothed: 12 against 6 is (13/7) up")
    void up() {
        Trend t = Trend.at(new long[] {2, 2, 2, 4, 4, 4}, 5);
        assertThat(t.last3()).isEqualTo(12);
        assertThat(t.previous3()).isEqualTo(6);
        assertThat(t.ratio()).isEqualTo(1.857);
        assertThat(t.direction()).isEqualTo(Trend.Direction.UP);
    }

    @Test
    @DisplayName("an even pair is flat, a fading one down (4/31)")
    void flatAndDown() {
        assertThat(Trend.at(new long[] {3, 3, 3, 3, 3, 3}, 5).direction()).isEqualTo(Trend.Direction.FLAT);
        Trend down = Trend.at(new long[] {10, 10, 10, 1, 1, 1}, 5);
        assertThat(down.ratio()).isEqualTo(0.129);
        assertThat(down.direction()).isEqualTo(Trend.Direction.DOWN);
    }

    @Test
    @DisplayName("the quarter ends at the given month; months before the first count as 0; nothing at all is flat")
    void edges() {
        Trend t = Trend.at(new long[] {5, 5, 9}, 1);
        assertThat(t.last3()).isEqualTo(10);
        assertThat(t.previous3()).isZero();
        assertThat(t.ratio()).isEqualTo(11.0);
        assertThat(Trend.at(new long[6], 5).direction()).isEqualTo(Trend.Direction.FLAT);
        assertThat(Trend.at(new long[] {0, 0, 0, 1, 0, 0}, 5).ratio()).isEqualTo(2.0);
    }
}
