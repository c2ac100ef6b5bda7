package cn.jiesu.core.rates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.jiesu.core.place.District;
import cn.jiesu.core.place.Gazetteer;
import cn.jiesu.core.place.Unit;
import cn.jiesu.core.place.UnitKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RateRankingTest {
    private static Unit unit(String name, String district, UnitKind kind) {
        return new Unit(name, district, kind, List.of(), null);
    }

    private static final Gazetteer CITY = new Gazetteer(
            "北京",
            List.of(),
            List.of(),
            List.of(
                    new District(
                            "朝阳区",
                            List.of(),
                            null,
                            List.of(
                                    unit("望京街道", "朝阳区", UnitKind.STREET),
                                    unit("三里屯街道", "朝阳区", UnitKind.STREET),
                                    unit("孙河地区", "朝阳区", UnitKind.AREA)),
                            List.of()),
                    new District(
                            "海淀区",
                            List.of(),
                            null,
                            List.of(unit("中关村街道", "海淀区", UnitKind.STREET), unit("上庄镇", "海淀区", UnitKind.TOWN)),
                            List.of())));

    /** due, in time, handled, resolved, satisfied, basically, dissatisfied. */
    private static RateCounts c(long due, long inTime, long handled, long resolved, long sat, long basic, long dis) {
        return new RateCounts(due, inTime, handled, resolved, sat, basic, dis, 0, due);
    }

    @Test
    @DisplayName("the score is the weighted mean of the rates a unit has; a rate without denominator drops out")
    void score() {
        RankingWeights w = RankingWeights.BEIJING;
        assertThat(w.score(c(10, 10, 10, 5, 1, 0, 1))).isEqualTo(0.1 + 0.45 * 0.5 + 0.45 * 0.5);
        // Only 解决率 known: the score is that rate, not dragged down by two zeros.
        assertThat(w.score(c(0, 0, 4, 3, 0, 0, 0))).isEqualTo(0.75);
        assertThat(w.score(RateCounts.ZERO)).isNull();
        // A zero weight leaves its rate out entirely.
        assertThat(new RankingWeights(0, 1, 1).score(c(10, 0, 2, 2, 0, 0, 0))).isEqualTo(1.0);
        assertThatThrownBy(() -> new RankingWeights(0, 0, 0)).hasMessageContaining("at least one");
        assertThatThrownBy(() -> new RankingWeights(-1, 1, 1)).hasMessageContaining("response");
    }

    @Test
    @DisplayName("every unit is listed: best first, equal scores share a rank, units without rates last and unranked")
    void ranking() {
        Map<String, RateCounts> counts = Map.of(
                "朝阳区/望京街道", c(2, 2, 2, 1, 0, 0, 0),
                "海淀区/中关村街道", c(4, 4, 4, 2, 0, 0, 0),
                "朝阳区/三里屯街道", c(1, 1, 1, 1, 1, 0, 0),
                "海淀区/上庄镇", c(1, 0, 1, 0, 0, 0, 1));
        List<RankedUnit> r = new RateRanking(RankingWeights.BEIJING).rank(CITY, counts);
        assertThat(r).extracting(u -> u.unit().name()).containsExactly("三里屯街道", "望京街道", "中关村街道", "上庄镇", "孙河地区");
        assertThat(r).extracting(RankedUnit::rank).containsExactly(1, 2, 2, 4, null);
        assertThat(r.get(0).score()).isEqualTo(1.0);
        assertThat(r.get(1).score()).isEqualTo(r.get(2).score());
        assertThat(r.get(4).counts()).isEqualTo(RateCounts.ZERO);
        assertThat(r.get(4).score()).isNull();
    }
}
