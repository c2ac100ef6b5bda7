package cn.jiesu.core.rates;

import cn.jiesu.core.place.District;
import cn.jiesu.core.place.Gazetteer;
import cn.jiesu.core.place.Unit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Ranks every street-level unit of a gazetteer by its composite 三率 score, as a city publishes its monthly ranking:
 * best first, equal scores sharing a rank (standard competition ranking: 1, 1, 3), and the units without any rate
 * after them, unranked, in the gazetteer's order. Pure; thread-safe.
 */
public final class RateRanking {
    private final RankingWeights weights;

    public RateRanking(RankingWeights weights) {
        this.weights = weights;
    }

    /**
     * The ranking of every unit of the gazetteer.
     *
     * @param counts the units' counts by {@link #key}; a unit missing from it had no appeal events
     */
    public List<RankedUnit> rank(Gazetteer gazetteer, Map<String, RateCounts> counts) {
        List<Scored> scored = new ArrayList<>();
        List<RankedUnit> unscored = new ArrayList<>();
        for (District d : gazetteer.districts()) {
            for (Unit u : d.units()) {
                RateCounts c = counts.getOrDefault(key(u), RateCounts.ZERO);
                Double score = weights.score(c);
                if (score == null) {
                    unscored.add(new RankedUnit(u, c, null, null));
                } else {
                    scored.add(new Scored(u, c, score, scored.size() + unscored.size()));
                }
            }
        }
        // Among equal scores the gazetteer's order stands, so the list reads the same every time.
        scored.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparingInt(Scored::order));
        List<RankedUnit> out = new ArrayList<>(scored.size() + unscored.size());
        int rank = 0;
        for (int i = 0; i < scored.size(); i++) {
            Scored s = scored.get(i);
            if (i == 0 || s.score() != scored.get(i - 1).score()) {
                rank = i + 1;
            }
            out.add(new RankedUnit(s.unit(), s.counts(), s.score(), rank));
        }
        out.addAll(unscored);
        return out;
    }

    /** The key of a unit's counts: its district and name, as {@link RateScope} cleans them. */
    public static String key(Unit u) {
        return key(u.district(), u.name());
    }

    public static String key(String district, String street) {
        RateScope s = new RateScope(district, street);
        return s.district() + "/" + s.street();
    }

    private record Scored(Unit unit, RateCounts counts, double score, int order) {}
}
