package cn.jiesu.core.rates;

/**
 * How much each of 三率 weighs in a unit's composite score ({@link RateRanking}). Weights are relative: only their
 * ratio matters, and a rate without a denominator drops out with its weight (the mean is over the rates a unit has).
 */
public record RankingWeights(double response, double resolution, double satisfaction) {
    /**
     * The weights Beijing's 接诉即办 assessment is reported to use (响应率 10 %, 解决率 45 %, 满意率 45 %): nearly every appeal is
     * answered in time, so response separates units little, and what the city ranks on is whether problems were
     * solved and citizens satisfied.
     */
    public static final RankingWeights BEIJING = new RankingWeights(0.10, 0.45, 0.45);

    public RankingWeights {
        check("response", response);
        check("resolution", resolution);
        check("satisfaction", satisfaction);
        if (response + resolution + satisfaction <= 0) {
            throw new IllegalArgumentException("weights: at least one must be above 0");
        }
    }

    private static void check(String name, double w) {
        if (!(w >= 0 && w <= 1000)) {
            throw new IllegalArgumentException(name + ": a weight from 0 to 1000, was " + w);
        }
    }

    /**
     * The weighted mean of the rates the counts have (each 0..1), or null when none has a denominator. Rounded to
     * six decimals so that units with the same rates (1/2 and 2/4) tie exactly.
     */
    public Double score(RateCounts c) {
        double sum = 0;
        double weight = 0;
        Double[] rates = {c.responseRate(), c.resolutionRate(), c.satisfactionRate()};
        double[] weights = {response, resolution, satisfaction};
        for (int i = 0; i < rates.length; i++) {
            if (rates[i] != null && weights[i] > 0) {
                sum += weights[i] * rates[i];
                weight += weights[i];
            }
        }
        return weight == 0 ? null : Math.round(sum / weight * 1e6) / 1e6;
    }
}
