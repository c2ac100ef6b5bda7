package cn.jiesu.core.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CallbackConfigTest {
    @Test
    @DisplayName("defaults: 21:00-08:00 Beijing, 3 attempts 10 minutes apart, 2 h return visit, 30 s lease")
    void defaults() {
        CallbackConfig c = CallbackConfig.DEFAULT;
        assertThat(c.window().quietStart()).hasToString("21:00");
        assertThat(c.window().zone().getId()).isEqualTo("Asia/Shanghai");
        assertThat(c.retry().rule(CallbackOutcome.BUSY)).isEqualTo(new RetryPolicy.Retry(Duration.ofMinutes(10), 3));
        assertThat(c.rules().returnVisit()).hasSize(7).containsValue(Duration.ofHours(2));
        assertThat(c.lease()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    @DisplayName("invalid values fail with the YAML key in the message")
    void validation() {
        assertThatThrownBy(() -> CallbackConfig.DEFAULT.withTrunkCap(0)).hasMessageStartingWith("callbacks.trunk-cap:");
        assertThatThrownBy(() -> CallbackConfig.DEFAULT.withTiming(
                        Duration.ofSeconds(1), Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofSeconds(1)))
                .hasMessageStartingWith("callbacks.lease:");
        assertThatThrownBy(() -> CallbackConfig.DEFAULT.withTiming(
                        Duration.ofSeconds(3), Duration.ofMillis(10), Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageStartingWith("callbacks.tick-max:");
        assertThatThrownBy(() -> CallbackConfig.DEFAULT.withTiming(
                        Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .hasMessageStartingWith("callbacks.tick-max:");
    }
}
