package cn.jiesu.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.jiesu.core.config.ConfigException;
import cn.jiesu.core.console.PasswordHasher;
import cn.jiesu.core.console.Role;
import cn.jiesu.core.console.SignInPolicy;
import cn.jiesu.gateway.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        ConsoleConfig c = ConsoleTestConfig.standard(
                Map.of("JIESU_CONSOLE_SESSION_IDLE", "5m", "JIESU_CONSOLE_AGENT_INTERFACE", "PJSIP/{ext}"));

        assertThat(c.sessionIdle()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.interfaceOf("8003")).isEqualTo("PJSIP/8003");
    }

    @Test
    @DisplayName("an account without a real hash stops start-up with the key named")
    void badHash() {
        assertThatThrownBy(() -> ConsoleTestConfig.with(
                        Map.of(), Map.of("8001", Map.of("role", "agent", "password-hash", "letmein"))))
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

    @Test
    @DisplayName("shipped sign-in limits: 5 free checks per address, then 1 s doubling to 15 min; 600,000 iterations")
    void signInDefaults() {
        SignInConfig s = ConsoleTestConfig.with(Map.of(), Map.of()).signIn();

        assertThat(s.policy())
                .isEqualTo(new SignInPolicy(
                        5,
                        Duration.ofSeconds(1),
                        Duration.ofMinutes(15),
                        Duration.ofMinutes(15),
                        100,
                        Duration.ofHours(1),
                        Duration.ofDays(30)));
        assertThat(s.checksPerSecond()).isEqualTo(5);
        assertThat(s.workers()).isEqualTo(1);
        assertThat(s.queue()).isEqualTo(10);
        assertThat(s.hashIterations()).isEqualTo(600_000).isEqualTo(PasswordHasher.DEFAULT_ITERATIONS);
    }

    @Test
    @DisplayName("a bad sign-in value stops start-up with its key named")
    void signInBadValues() {
        Map<String, String> bad = Map.of(
                "JIESU_CONSOLE_SIGN_IN_FREE_ATTEMPTS", "0",
                "JIESU_CONSOLE_SIGN_IN_BACKOFF_BASE", "1 minute",
                "JIESU_CONSOLE_SIGN_IN_BACKOFF_MAX", "500ms",
                "JIESU_CONSOLE_SIGN_IN_AGENT_LIMIT", "3",
                "JIESU_CONSOLE_SIGN_IN_CHECKS_PER_SECOND", "0",
                "JIESU_CONSOLE_SIGN_IN_QUEUE", "-1",
                "JIESU_CONSOLE_SIGN_IN_HASH_ITERATIONS", "999");
        Map<String, String> keys = Map.of(
                "JIESU_CONSOLE_SIGN_IN_FREE_ATTEMPTS", "console.sign-in.free-attempts",
                "JIESU_CONSOLE_SIGN_IN_BACKOFF_BASE", "console.sign-in.backoff-base",
                "JIESU_CONSOLE_SIGN_IN_BACKOFF_MAX", "console.sign-in.backoff-max",
                "JIESU_CONSOLE_SIGN_IN_AGENT_LIMIT", "console.sign-in.agent-limit",
                "JIESU_CONSOLE_SIGN_IN_CHECKS_PER_SECOND", "console.sign-in.checks-per-second",
                "JIESU_CONSOLE_SIGN_IN_QUEUE", "console.sign-in.queue",
                "JIESU_CONSOLE_SIGN_IN_HASH_ITERATIONS", "console.sign-in.hash-iterations");
        bad.forEach((env, value) -> assertThatThrownBy(() -> ConsoleTestConfig.with(Map.of(env, value), Map.of()))
                .as(env)
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(keys.get(env) + ":"));
    }

    @Test
    @DisplayName("config/jiesu.yaml ships the same sign-in limits; an operator file with the old lockout keys fails")
    void shippedFile(@TempDir Path dir) throws Exception {
        assertThat(ConsoleConfig.from(ConfigLoader.load(null, Map.of())).signIn())
                .isEqualTo(ConsoleTestConfig.with(Map.of(), Map.of()).signIn());

        Path file = dir.resolve("mine.yaml");
        Files.writeString(file, "console:\n  login-lockout: 15m\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .hasMessageStartingWith("console.login-lockout: unknown key (the shipped defaults have no such key");
    }

    @Test
    @DisplayName("console.wrap-up.limit: 60 s shipped, 0 for until ready, negative refused with the key named")
    void wrapUpLimit() {
        assertThat(ConsoleConfig.from(ConfigLoader.load(null, Map.of())).wrapUpLimit())
                .isEqualTo(Duration.ofSeconds(60));
        assertThat(ConsoleTestConfig.standard(Map.of()).wrapUpLimit()).isEqualTo(Duration.ofSeconds(60));
        assertThat(ConsoleTestConfig.standard(Map.of("JIESU_CONSOLE_WRAP_UP_LIMIT", "0s"))
                        .wrapUpLimit())
                .isZero();
        assertThat(ConsoleTestConfig.standard(Map.of("JIESU_CONSOLE_WRAP_UP_LIMIT", "5s"))
                        .wrapUpLimit())
                .isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> ConsoleTestConfig.standard(Map.of("JIESU_CONSOLE_WRAP_UP_LIMIT", "-5s")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("console.wrap-up.limit");
    }

    @Test
    @DisplayName("a queue member interface names its agent back through the agent-interface pattern")
    void extOfInterface() {
        ConsoleConfig lab = ConsoleTestConfig.standard(Map.of());
        assertThat(lab.extOf("Local/8001@agent-sim/n")).isEqualTo("8001");
        assertThat(lab.extOf(lab.interfaceOf("8123"))).isEqualTo("8123");
        assertThat(lab.extOf("PJSIP/8001")).isNull();
        assertThat(lab.extOf("Local/@agent-sim/n")).isNull();
        assertThat(lab.extOf("Local/80 01@agent-sim/n")).isNull();
        assertThat(lab.extOf(null)).isNull();
        ConsoleConfig pjsip = ConsoleTestConfig.standard(Map.of("JIESU_CONSOLE_AGENT_INTERFACE", "PJSIP/{ext}"));
        assertThat(pjsip.extOf("PJSIP/8003")).isEqualTo("8003");
        assertThat(pjsip.extOf("SIP/8003")).isNull();
    }
}
