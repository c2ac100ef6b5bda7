package cn.jiesu.core.problems;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SeasonalityTest {
    @Test
    @DisplayName("one year, July and August four times the rest: μ = 18/12, index 4/1.5 = 2.67, peaks 7 and 8")
    void oneYear() {
        long[] c = {1, 1, 1, 1, 1, 1, 4, 4, 1, 1, 1, 1};
        Seasonality s = Seasonality.of(c, YearMonth.of(2025, 1), 0, 11);
        assertThat(s.status()).isEqualTo(Seasonality.OK);
        assertThat(s.historyMonths()).isEqualTo(12);
        assertThat(s.index()).containsExactly(0.67, 0.67, 0.67, 0.67, 0.67, 0.67, 2.67, 2.67, 0.67, 0.67, 0.67, 0.67);
        assertThat(s.peakMonths()).containsExactly(7, 8);
    }

    @Test
    @DisplayName("two years from July: a calendar month's mean over its years (July (6+2)/2 = 4), μ = 26/12")
    void twoYearsAveraged() {
        long[] c = new long[24];
        java.util.Arrays.fill(c, 2);
        c[0] = 6; // July 2024
        c[12] = 2; // July 2025
        Seasonality s = Seasonality.of(c, YearMonth.of(2024, 7), 0, 23);
        assertThat(s.index().get(6)).isEqualTo(1.85);
        assertThat(s.index().get(0)).isEqualTo(0.92);
        assertThat(s.peakMonths()).containsExactly(7);
    }

    @Test
    @DisplayName("history is counted from its start: 17 months, the five repeated months weigh once in μ")
    void partialYear() {
        long[] c = new long[20];
        // index 3..19 = 17 months of history from 2024-04; every month 3, December 2024 9
        for (int i = 3; i < 20; i++) {
            c[i] = 3;
        }
        c[11] = 9;
        Seasonality s = Seasonality.of(c, YearMonth.of(2024, 1), 3, 19);
        assertThat(s.historyMonths()).isEqualTo(17);
        // mean_Dec = 9, the others 3: μ = (11·3 + 9)/12 = 3.5; 9/3.5 = 2.57, 3/3.5 = 0.86
        assertThat(s.index().get(11)).isEqualTo(2.57);
        assertThat(s.index().get(0)).isEqualTo(0.86);
        assertThat(s.peakMonths()).containsExactly(12);
    }

    @Test
    @DisplayName("under 12 months of history: insufficient history, no index")
    void insufficient() {
        Seasonality s = Seasonality.of(new long[11], YearMonth.of(2025, 1), 0, 10);
        assertThat(s.status()).isEqualTo("insufficient history");
        assertThat(s.historyMonths()).isEqualTo(11);
        assertThat(s.index()).isEmpty();
        assertThat(s.peakMonths()).isEmpty();
    }

    @Test
    @DisplayName("a pair with nothing in its history has index 0 everywhere and no peak")
    void empty() {
        Seasonality s = Seasonality.of(new long[12], YearMonth.of(2025, 1), 0, 11);
        assertThat(s.index()).containsOnly(0.0);
        assertThat(s.peakMonths()).isEmpty();
    }
}
