package cn.jiesu.gateway.hotspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.jiesu.core.config.ConfigException;
import cn.jiesu.core.hotspot.HotspotPolicy;
import cn.jiesu.gateway.GatewayConfig;
import cn.jiesu.gateway.config.ConfigLoader;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HotspotsConfigTest {
    private static HotspotsConfig load(Map<String, String> env) {
        return GatewayConfig.from(ConfigLoader.load(null, env)).hotspots();
    }

    @Test
    @DisplayName("the shipped hotspots section is the detector's tuned policy, on, ticking every 30 s")
    void shippedDefaults() {
        HotspotsConfig c = load(Map.of());
        assertThat(c.enabled()).isTrue();
        assertThat(c.tickInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.flushInterval()).isEqualTo(Duration.ofMillis(200));
        assertThat(c.refreshInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.policy()).isEqualTo(HotspotPolicy.defaults());
    }

    @Test
    @DisplayName("every hotspots key is set by its JIESU_ variable")
    void environment() {
        HotspotsConfig c = load(Map.of(
                "JIESU_HOTSPOTS_ENABLED", "false",
                "JIESU_HOTSPOTS_TICK_INTERVAL", "5s",
                "JIESU_HOTSPOTS_MIN_STREET", "4",
                "JIESU_HOTSPOTS_MIN_DISTRICT", "8",
                "JIESU_HOTSPOTS_ALPHA", "1e-6",
                "JIESU_HOTSPOTS_CLOSE_ALPHA", "0.05",
                "JIESU_HOTSPOTS_MIN_RATIO", "3",
                "JIESU_HOTSPOTS_FLUSH_INTERVAL", "50ms",
                "JIESU_HOTSPOTS_REFRESH_INTERVAL", "2s"));
        assertThat(c.flushInterval()).isEqualTo(Duration.ofMillis(50));
        assertThat(c.refreshInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.enabled()).isFalse();
        assertThat(c.tickInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.policy().minStreet()).isEqualTo(4);
        assertThat(c.policy().minDistrict()).isEqualTo(8);
        assertThat(c.policy().alpha()).isEqualTo(1e-6);
        assertThat(c.policy().closeAlpha()).isEqualTo(0.05);
        assertThat(c.policy().minRatio()).isEqualTo(3.0);
        assertThat(c.policy().size()).isEqualTo(HotspotPolicy.defaults().size());
    }

    @Test
    @DisplayName("a bad hotspots value fails naming its key")
    void badValuesNameTheKey() {
        Map<String, String> bad = Map.of(
                "JIESU_HOTSPOTS_ALPHA", "1.5",
                "JIESU_HOTSPOTS_CLOSE_ALPHA", "0",
                "JIESU_HOTSPOTS_MIN_STREET", "0",
                "JIESU_HOTSPOTS_MIN_DISTRICT", "lots",
                "JIESU_HOTSPOTS_MIN_RATIO", "0.5",
                "JIESU_HOTSPOTS_TICK_INTERVAL", "0s",
                "JIESU_HOTSPOTS_FLUSH_INTERVAL", "2m",
                "JIESU_HOTSPOTS_REFRESH_INTERVAL", "soon",
                "JIESU_HOTSPOTS_ENABLED", "maybe");
        bad.forEach((name, value) -> assertThatThrownBy(() -> load(Map.of(name, value)))
                .as(name)
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.key())
                                .isEqualTo("hotspots."
                                        + name.substring("JIESU_HOTSPOTS_".length())
                                                .toLowerCase(java.util.Locale.ROOT)
                                                .replace('_', '-'))));
        // close-alpha below alpha would invert opening and closing
        assertThatThrownBy(() -> load(Map.of("JIESU_HOTSPOTS_CLOSE_ALPHA", "1e-9")))
                .isInstanceOfSatisfying(
                        ConfigException.class, e -> assertThat(e.key()).isEqualTo("hotspots.close-alpha"))
                .hasMessageContaining("larger than hotspots.alpha");
    }
}
