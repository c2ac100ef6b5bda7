package cn.jiesu.core.problems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.YearMonth;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProblemRankingTest {
    private static final YearMonth FROM = YearMonth.of(2025, 1);
    private static final YearMonth TO = YearMonth.of(2025, 12);
    private static final ProblemKey LEAK_STREET = new ProblemKey("water", "朝阳区", "望京街道");
    private static final ProblemKey LEAK_DISTRICT = new ProblemKey("water", "朝阳区", null);
    private static final ProblemKey BURST_STREET = new ProblemKey("gas", "海淀区", "中关村街道");
    private static final ProblemKey BURST_DISTRICT = new ProblemKey("gas", "海淀区", null);

    private final ProblemRanking ranking = new ProblemRanking(2);
    private final ProblemQuery year = new ProblemQuery(FROM, TO, null, null, null, 50);

    /** Counts over the ranking's 36-month window ending at December 2025; {@code inRange} from January 2025. */
    private static long[] window(long... inRange) {
        long[] c = new long[ProblemRanking.HISTORY];
        System.arraycopy(inRange, 0, c, 24, inRange.length);
        return c;
    }

    @Test
    @DisplayName("a chronic pair (3 a month all year) outranks a one-month burst of 40: 1·ln 37 against 1/12·ln 41·√2")
    void chronicOverBurst() {
        Map<ProblemKey, long[]> counts = new HashMap<>();
        counts.put(LEAK_STREET, window(3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3));
        counts.put(BURST_STREET, window(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 40));
        List<RecurringProblem> ranked = ranking.rank(counts, year);
        assertThat(ranked).extracting(RecurringProblem::key).containsExactly(LEAK_STREET, BURST_STREET);
        RecurringProblem chronic = ranked.get(0);
        assertThat(chronic.total()).isEqualTo(36);
        assertThat(chronic.monthsPresent()).isEqualTo(12);
        assertThat(chronic.trend().direction()).isEqualTo(Trend.Direction.FLAT);
        assertThat(chronic.score()).isEqualTo(Math.round(Math.log(37) * 1000) / 1000.0);
        RecurringProblem burst = ranked.get(1);
        assertThat(burst.monthsPresent()).isEqualTo(1);
        assertThat(burst.trend().ratio()).isEqualTo(41.0);
        assertThat(burst.score()).isEqualTo(Math.round(Math.log(41) / 12 * Math.sqrt(2) * 1000) / 1000.0);
        assertThat(chronic.counts()).hasSize(12);
        assertThat(chronic.latestMonth()).isEqualTo(TO);
    }

    @Test
    @DisplayName("months under the floor do not make a pair recur; a pair never at the floor is not listed")
    void floor() {
        Map<ProblemKey, long[]> counts = new HashMap<>();
        counts.put(LEAK_STREET, window(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1));
        counts.put(BURST_STREET, window(1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2));
        List<RecurringProblem> ranked = ranking.rank(counts, year);
        assertThat(ranked).extracting(RecurringProblem::key).containsExactly(BURST_STREET);
        assertThat(ranked.get(0).monthsPresent()).isEqualTo(6);
    }

    @Test
    @DisplayName("a district carried by one street is folded into it; a district spread over streets stays")
    void fold() {
        Map<ProblemKey, long[]> counts = new HashMap<>();
        counts.put(LEAK_STREET, window(3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3));
        counts.put(LEAK_DISTRICT, window(3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 5)); // 36 of 38 from 望京
        ProblemKey a = new ProblemKey("gas", "海淀区", "中关村街道");
        ProblemKey b = new ProblemKey("gas", "海淀区", "学院路街道");
        counts.put(a, window(2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0, 0));
        counts.put(b, window(0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 2, 2));
        counts.put(BURST_DISTRICT, window(2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2));
        List<RecurringProblem> ranked = ranking.rank(counts, year);
        assertThat(ranked).extracting(RecurringProblem::key).doesNotContain(LEAK_DISTRICT);
        assertThat(ranked.get(0).key()).isIn(LEAK_STREET, BURST_DISTRICT);
        assertThat(ranked).extracting(RecurringProblem::key).contains(BURST_DISTRICT, a, b);
        // asked for districts alone, nothing is folded
        ProblemQuery districts = new ProblemQuery(FROM, TO, null, null, EnumSet.of(ProblemLevel.DISTRICT), 50);
        assertThat(ranking.rank(counts, districts))
                .extracting(RecurringProblem::key)
                .containsExactlyInAnyOrder(LEAK_DISTRICT, BURST_DISTRICT);
    }

    @Test
    @DisplayName("filters by topic, district and level; the city-wide pairs only when asked; limit cuts the list")
    void filters() {
        Map<ProblemKey, long[]> counts = new HashMap<>();
        counts.put(LEAK_STREET, window(3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3));
        counts.put(BURST_STREET, window(3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3));
        ProblemKey city = new ProblemKey("water", null, null);
        counts.put(city, window(9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9));
        assertThat(ranking.rank(counts, year)).extracting(RecurringProblem::key).doesNotContain(city);
        assertThat(ranking.rank(counts, new ProblemQuery(FROM, TO, "gas", null, null, 50)))
                .extracting(RecurringProblem::key)
                .containsExactly(BURST_STREET);
        assertThat(ranking.rank(counts, new ProblemQuery(FROM, TO, null, "朝阳区", null, 50)))
                .extracting(RecurringProblem::key)
                .containsExactly(LEAK_STREET);
        assertThat(ranking.rank(counts, new ProblemQuery(FROM, TO, null, null, Set.of(ProblemLevel.CITY), 50)))
                .extracting(RecurringProblem::key)
                .containsExactly(city);
        assertThat(ranking.rank(counts, new ProblemQuery(FROM, TO, null, null, null, 1)))
                .hasSize(1);
    }

    @Test
    @DisplayName("seasonality rests on the store's history: from the first month any pair has a count")
    void history() {
        Map<ProblemKey, long[]> counts = new HashMap<>();
        long[] leak = new long[ProblemRanking.HISTORY];
        for (int i = 12; i < 36; i++) {
            leak[i] = (i % 12 == 6) ? 12 : 2; // every July
        }
        counts.put(LEAK_STREET, leak);
        RecurringProblem p = ranking.rank(counts, year).get(0);
        assertThat(p.seasonality().historyMonths()).isEqualTo(24);
        assertThat(p.seasonality().peakMonths()).containsExactly(7);
        ProblemQuery quarter = new ProblemQuery(YearMonth.of(2025, 10), TO, null, null, null, 50);
        Map<ProblemKey, long[]> young = Map.of(BURST_STREET, window(0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 3, 3));
        RecurringProblem q = ranking.rank(young, quarter).get(0);
        assertThat(q.counts()).containsExactly(3L, 3L, 3L);
        assertThat(q.seasonality().status()).isEqualTo(Seasonality.INSUFFICIENT);
        assertThat(q.seasonality().historyMonths()).isEqualTo(3);
    }

    @Test
    @DisplayName("a range runs forwards and spans at most 36 months")
    void bounds() {
        assertThatThrownBy(() -> new ProblemQuery(TO, FROM, null, null, null, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProblemQuery(TO.minusMonths(36), TO, null, null, null, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new ProblemQuery(TO.minusMonths(35), TO, null, null, null, 1).months())
                .isEqualTo(36);
    }
}
