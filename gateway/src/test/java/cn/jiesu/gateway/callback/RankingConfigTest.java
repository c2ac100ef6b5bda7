package cn.jiesu.gateway.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.jiesu.core.config.ConfigException;
import cn.jiesu.core.rates.RankingWeights;
import cn.jiesu.gateway.config.ConfigLoader;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RankingConfigTest {
    @Test
    @DisplayName("the shipped weights are Beijing's; each is set from its JIESU_RATES_RANKING_WEIGHTS_ variable")
    void weights() {
        assertThat(RankingConfig.from(ConfigLoader.load(null, Map.of())).weights())
                .isEqualTo(RankingWeights.BEIJING);
        RankingConfig c = RankingConfig.from(ConfigLoader.load(
                null,
                Map.of(
                        "JIESU_RATES_RANKING_WEIGHTS_RESPONSE", "0",
                        "JIESU_RATES_RANKING_WEIGHTS_RESOLUTION", "2",
                        "JIESU_RATES_RANKING_WEIGHTS_SATISFACTION", "1")));
        assertThat(c.weights()).isEqualTo(new RankingWeights(0, 2, 1));
    }

    @Test
    @DisplayName("a bad weight fails start-up naming its key")
    void badWeights() {
        assertThatThrownBy(() -> RankingConfig.from(
                        ConfigLoader.load(null, Map.of("JIESU_RATES_RANKING_WEIGHTS_SATISFACTION", "-1"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("rates.ranking.weights.satisfaction");
        assertThatThrownBy(() -> RankingConfig.from(
                        ConfigLoader.load(null, Map.of("JIESU_RATES_RANKING_WEIGHTS_RESOLUTION", "lots"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("rates.ranking.weights.resolution");
        assertThatThrownBy(() -> RankingConfig.from(ConfigLoader.load(
                        null,
                        Map.of(
                                "JIESU_RATES_RANKING_WEIGHTS_RESPONSE", "0",
                                "JIESU_RATES_RANKING_WEIGHTS_RESOLUTION", "0",
                                "JIESU_RATES_RANKING_WEIGHTS_SATISFACTION", "0"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("rates.ranking.weights");
    }
}
