package cn.jiesu.gateway.problems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.jiesu.core.config.ConfigException;
import cn.jiesu.gateway.GatewayConfig;
import cn.jiesu.gateway.config.ConfigLoader;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProblemsConfigTest {
    private static ProblemsConfig load(Map<String, String> env) {
        return GatewayConfig.from(ConfigLoader.load(null, env)).problems();
    }

    @Test
    @DisplayName("the shipped defaults: on, 37 months kept, 200 ids per pair and month, a floor of 3")
    void defaults() {
        assertThat(load(Map.of())).isEqualTo(new ProblemsConfig(true, 37, 200, 3));
    }

    @Test
    @DisplayName("every problems.* key is set by its JIESU_ variable")
    void environment() {
        ProblemsConfig c = load(Map.of(
                "JIESU_PROBLEMS_ENABLED", "false",
                "JIESU_PROBLEMS_RETENTION_MONTHS", "48",
                "JIESU_PROBLEMS_APPEALS_PER_MONTH", "50",
                "JIESU_PROBLEMS_FLOOR", "1"));
        assertThat(c).isEqualTo(new ProblemsConfig(false, 48, 50, 1));
    }

    @Test
    @DisplayName("a retention too short for seasonality, or a floor or cap out of range, fails naming the key")
    void badValues() {
        assertThatThrownBy(() -> load(Map.of("JIESU_PROBLEMS_RETENTION_MONTHS", "12")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("problems.retention-months: must be between 25");
        assertThatThrownBy(() -> load(Map.of("JIESU_PROBLEMS_FLOOR", "0"))).hasMessageStartingWith("problems.floor:");
        assertThatThrownBy(() -> load(Map.of("JIESU_PROBLEMS_APPEALS_PER_MONTH", "many")))
                .hasMessageStartingWith("problems.appeals-per-month:");
        assertThatThrownBy(() -> load(Map.of("JIESU_PROBLEMS_ENABLED", "maybe")))
                .hasMessageStartingWith("problems.enabled:");
    }
}
