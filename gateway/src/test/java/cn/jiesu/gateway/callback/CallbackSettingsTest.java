package cn.jiesu.gateway.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.jiesu.core.callback.CallbackConfig;
import cn.jiesu.core.callback.CallbackKind;
import cn.jiesu.core.callback.CallbackMode;
import cn.jiesu.core.callback.CallbackOutcome;
import cn.jiesu.core.callback.RetryPolicy;
import cn.jiesu.core.config.ConfigException;
import cn.jiesu.core.config.ConfigNode;
import cn.jiesu.core.intake.RequestType;
import cn.jiesu.gateway.config.ConfigLoader;
import java.io.InputStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

class CallbackSettingsTest {
    /** The block handed over for config/jiesu.yaml, kept here as a test resource. */
    private static ConfigNode tree(Map<String, String> env) throws Exception {
        try (InputStream in = CallbackSettingsTest.class.getResourceAsStream("callbacks.yaml")) {
            Map<String, Object> yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            return ConfigLoader.tree(yaml, env);
        }
    }

    @Test
    @DisplayName("the shipped block reads into the core defaults")
    void defaults() throws Exception {
        CallbackSettings s = CallbackSettings.from(tree(Map.of()));
        assertThat(s.enabled()).isTrue();
        assertThat(s.instanceId()).isNotBlank();
        CallbackConfig c = s.config();
        assertThat(c).isEqualTo(CallbackConfig.DEFAULT);
        assertThat(s.dial().citizenChannel()).isEqualTo("PJSIP/{number}@trunk");
        assertThat(s.dial().ringTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    @DisplayName("the environment overrides keys: blackout dates, trunk cap, a return-visit type off, a retry rule")
    void overrides() throws Exception {
        CallbackSettings s = CallbackSettings.from(tree(Map.of(
                "JIESU_CALLBACKS_BLACKOUT_DATES", "2026-10-01, 2026-10-02",
                "JIESU_CALLBACKS_TRUNK_CAP", "120",
                "JIESU_CALLBACKS_RETURN_VISIT_CONSULT", "off",
                "JIESU_CALLBACKS_RETRY_BUSY_DELAY", "3m",
                "JIESU_CALLBACKS_MODE_RETURN_VISIT", "citizen-first",
                "JIESU_CALLBACKS_INSTANCE_ID", "gw-7")));
        assertThat(s.config().window().blackoutDates()).contains(LocalDate.parse("2026-10-01"));
        assertThat(s.config().trunkCap()).isEqualTo(120);
        assertThat(s.config().rules().returnVisit()).doesNotContainKey(RequestType.CONSULT);
        assertThat(s.config().retry().rule(CallbackOutcome.BUSY))
                .isEqualTo(new RetryPolicy.Retry(Duration.ofMinutes(3), 3));
        assertThat(s.config().rules().mode(CallbackKind.RETURN_VISIT)).isEqualTo(CallbackMode.CITIZEN_FIRST);
        assertThat(s.instanceId()).isEqualTo("gw-7");
    }

    @Test
    @DisplayName("bad values fail with one line naming the key")
    void badValues() {
        assertThatThrownBy(() -> CallbackSettings.from(tree(Map.of("JIESU_CALLBACKS_QUIET_START", "9pm"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("callbacks.quiet-start:");
        assertThatThrownBy(() -> CallbackSettings.from(tree(Map.of("JIESU_CALLBACKS_TRUNK_CAP", "0"))))
                .hasMessageStartingWith("callbacks.trunk-cap:");
        assertThatThrownBy(() -> CallbackSettings.from(tree(Map.of("JIESU_CALLBACKS_TICK_MAX", "20s"))))
                .hasMessageStartingWith("callbacks.tick-max:");
        assertThatThrownBy(() -> CallbackSettings.from(tree(Map.of("JIESU_CALLBACKS_BLACKOUT_DATES", "soon"))))
                .hasMessageStartingWith("callbacks.blackout-dates:");
        assertThatThrownBy(() -> CallbackSettings.from(tree(Map.of("JIESU_CALLBACKS_MODE_SURVEY", "robot"))))
                .hasMessageStartingWith("callbacks.mode.survey:");
        assertThatThrownBy(() -> CallbackSettings.from(tree(Map.of("JIESU_CALLBACKS_ZONE", "Mars/Olympus"))))
                .hasMessageStartingWith("callbacks.zone:");
        assertThatThrownBy(() ->
                        CallbackSettings.from(tree(Map.of("JIESU_CALLBACKS_DIAL_CITIZEN_CHANNEL", "PJSIP/trunk"))))
                .hasMessageStartingWith("callbacks.dial.citizen-channel:");
    }
}
