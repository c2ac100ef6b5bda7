package cn.jiesu.gateway.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.jiesu.core.config.ConfigException;
import cn.jiesu.gateway.config.ConfigLoader;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StatusLookupLimitsTest {

    private static StatusLookupLimits load(Map<String, String> env) {
        return StatusLookupLimits.from(ConfigLoader.load(null, env));
    }

    @Test
    @DisplayName("the shipped bounds: 3 unknown numbers a call, 10 lookups a number a day, 50 for all withheld ones")
    void defaults() {
        assertThat(load(Map.of())).isEqualTo(new StatusLookupLimits(3, 10, 50, ZoneId.of("Asia/Shanghai")));
        assertThat(load(Map.of("JIESU_IVR_STATUS_LOOKUP_DAILY_PER_CALLER", "0")).dailyPerCaller())
                .isZero();
    }

    @Test
    @DisplayName("a bad value is refused at start, naming its key")
    void badValues() {
        assertThatThrownBy(() -> load(Map.of("JIESU_IVR_STATUS_LOOKUP_MAX_MISSES_PER_CALL", "0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("ivr.status-lookup.max-misses-per-call: ");
        assertThatThrownBy(() -> load(Map.of("JIESU_IVR_STATUS_LOOKUP_DAILY_PER_CALLER", "-1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("ivr.status-lookup.daily-per-caller: ");
        assertThatThrownBy(() -> load(Map.of("JIESU_IVR_STATUS_LOOKUP_DAILY_ANONYMOUS", "many")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("ivr.status-lookup.daily-anonymous: ");
        assertThatThrownBy(() -> load(Map.of("JIESU_IVR_STATUS_LOOKUP_ZONE", "Mars/Olympus")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("ivr.status-lookup.zone: ");
    }
}
