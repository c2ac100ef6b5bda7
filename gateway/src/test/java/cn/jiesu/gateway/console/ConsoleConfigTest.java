package cn.jiesu.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.jiesu.core.console.Role;
import cn.jiesu.gateway.config.ConfigException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ConsoleConfigTest {

    @Test
    @DisplayName("the shipped defaults: 90-day history, 30-minute idle sessions, the lab's member interface")
    void defaults() {
        ConsoleConfig c = ConsoleTestConfig.standard(Map.of());

        assertThat(c.enabled()).isTrue();
        assertThat(c.historyWindow()).isEqualTo(Duration.ofDays(90));
        assertThat(c.sessionIdle()).isEqualTo(Duration.ofMinutes(30));
        assertThat(c.sessionMax()).isEqualTo(Duration.ofHours(12));
        assertThat(c.phoneAccount()).isEqualTo("12345");
        assertThat(c.interfaceOf("8001")).isEqualTo("Local/8001@agent-sim/n");
        assertThat(c.meters().queueWaiting()).isEqualTo("queue.waiting");
        assertThat(c.agents()).containsOnlyKeys("8001", "8002", "8100");
        assertThat(c.agents().get("8100").role()).isEqualTo(Role.SUPERVISOR);
        assertThat(c.agents().get("8001").toString()).doesNotContain("pbkdf2");
    }

    @Test
    @DisplayName("environment variables override keys by their mechanical names")
    void environment() {
        ConsoleConfig c = ConsoleTestConfig.standard(Map.of("JIESU_CONSOLE_SESSION_IDLE", "5m",
                "JIESU_CONSOLE_AGENT_INTERFACE", "PJSIP/{ext}"));

        assertThat(c.sessionIdle()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.interfaceOf("8003")).isEqualTo("PJSIP/8003");
    }

    @Test
    @DisplayName("an account without a real hash stops start-up with the key named")
    void badHash() {
        assertThatThrownBy(() -> ConsoleTestConfig.with(Map.of(),
                Map.of("8001", Map.of("role", "agent", "password-hash", "letmein"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("console.agents.8001.password-hash");
    }

    @Test
    @DisplayName("a session cap shorter than the idle timeout is refused")
    void sessionBounds() {
        assertThatThrownBy(() -> ConsoleTestConfig.standard(Map.of("JIESU_CONSOLE_SESSION_MAX", "1m")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("console.session-max");
    }
}
