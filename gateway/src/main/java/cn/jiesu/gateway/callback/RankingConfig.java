package cn.jiesu.gateway.callback;

import cn.jiesu.core.config.ConfigException;
import cn.jiesu.core.config.ConfigNode;
import cn.jiesu.core.rates.RankingWeights;

/**
 * {@code rates.ranking.weights.response|resolution|satisfaction}: the weights of the monthly ranking's composite score
 * (GET /api/v1/rates/ranking). Relative, each 0 to 1000, not all 0; a bad value fails start-up naming its key.
 */
public record RankingConfig(RankingWeights weights) {
    private static final String PREFIX = "rates.ranking.weights.";

    public static RankingConfig from(ConfigNode t) {
        RankingWeights d = RankingWeights.BEIJING;
        double response = weight(t, "response", d.response());
        double resolution = weight(t, "resolution", d.resolution());
        double satisfaction = weight(t, "satisfaction", d.satisfaction());
        if (response + resolution + satisfaction <= 0) {
            throw new ConfigException(PREFIX + "response", "the three weights are all 0: at least one must be above 0");
        }
        return new RankingConfig(new RankingWeights(response, resolution, satisfaction));
    }

    private static double weight(ConfigNode t, String name, double fallback) {
        String key = PREFIX + name;
        double w = t.decimal(key, fallback);
        if (!(w >= 0 && w <= 1000)) {
            throw new ConfigException(key, "a weight from 0 to 1000, was " + w);
        }
        return w;
    }
}
