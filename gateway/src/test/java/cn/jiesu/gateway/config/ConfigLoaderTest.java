package cn.jiesu.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.jiesu.core.config.ConfigException;
import cn.jiesu.core.config.ConfigNode;
import cn.jiesu.core.config.Durations;
import cn.jiesu.gateway.GatewayConfig;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @Test
    @DisplayName("the shipped defaults load and every section validates")
    void shippedDefaultsAreValid() {
        ConfigNode tree = ConfigLoader.load(null, Map.of());
        assertThat(tree.integer("http.port", 0, 65535)).isEqualTo(8080);
        assertThat(tree.duration("sla.emergency")).isEqualTo(Duration.ofHours(2));
        assertThat(tree.duration("sla.complex")).isEqualTo(Duration.ofDays(15));
        assertThat(GatewayConfig.from(tree).http().port()).isEqualTo(8080);
    }

    @Test
    @DisplayName("each instance reads the intake stream as its own consumer: its id unless intake.consumer is set")
    void intakeConsumerDefaultsToTheInstance() {
        GatewayConfig plain =
                GatewayConfig.from(ConfigLoader.load(null, Map.of("JIESU_CALLBACKS_INSTANCE_ID", "gw-7")));
        assertThat(plain.intake().consumerOr(plain.callbacks().instanceId())).isEqualTo("gw-7");
        GatewayConfig named = GatewayConfig.from(ConfigLoader.load(
                null, Map.of("JIESU_CALLBACKS_INSTANCE_ID", "gw-7", "JIESU_INTAKE_CONSUMER", "desk-a")));
        assertThat(named.intake().consumerOr(named.callbacks().instanceId())).isEqualTo("desk-a");
    }

    @Test
    @DisplayName("environment variables override keys by a mechanical name")
    void environmentOverrides() {
        ConfigNode tree = ConfigLoader.load(
                null,
                Map.of(
                        "JIESU_REDIS_URI",
                        "redis://10.0.0.5:6380",
                        "JIESU_HTTP_PORT",
                        "9090",
                        "JIESU_REDIS_COMMAND_TIMEOUT",
                        "750ms"));
        assertThat(tree.uri("redis.uri").getPort()).isEqualTo(6380);
        assertThat(tree.integer("http.port", 0, 65535)).isEqualTo(9090);
        assertThat(tree.duration("redis.command-timeout")).isEqualTo(Duration.ofMillis(750));
        assertThat(ConfigLoader.envName("redis.command-timeout")).isEqualTo("JIESU_REDIS_COMMAND_TIMEOUT");
    }

    @Test
    @DisplayName("a bad value fails with one line naming the key")
    void badValuesNameTheKey() {
        assertThatThrownBy(() -> GatewayConfig.from(ConfigLoader.load(null, Map.of("JIESU_HTTP_PORT", "eighty"))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("http.port: not a whole number: 'eighty'");
        assertThatThrownBy(() -> GatewayConfig.from(ConfigLoader.load(null, Map.of("JIESU_HTTP_PORT", "70000"))))
                .hasMessageStartingWith("http.port: must be between");
        assertThatThrownBy(() -> GatewayConfig.from(ConfigLoader.load(null, Map.of("JIESU_SLA_EMERGENCY", "2 hours"))))
                .hasMessageStartingWith("sla.emergency: not a duration");
        assertThatThrownBy(() -> GatewayConfig.from(ConfigLoader.load(null, Map.of("JIESU_SLA_NORMAL", "0d"))))
                .hasMessageStartingWith("sla.normal: must be positive");
        assertThatThrownBy(() -> GatewayConfig.from(ConfigLoader.load(null, Map.of("JIESU_REDIS_URI", "::nope"))))
                .hasMessageStartingWith("redis.uri:");
    }

    @Test
    @DisplayName("every section's error is the core ConfigException carrying its full key, features included")
    void errorsCarryTheirKey() {
        assertThatThrownBy(
                        () -> GatewayConfig.from(ConfigLoader.load(null, Map.of("JIESU_CONSOLE_SESSION_IDLE", "0s"))))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.key()).isEqualTo("console.session-idle");
                    assertThat(e.problem()).isEqualTo("must be positive, was 0s");
                });
        assertThatThrownBy(() -> GatewayConfig.from(ConfigLoader.load(null, Map.of("JIESU_REDIS_KEY_PREFIX", "a b"))))
                .isInstanceOfSatisfying(
                        ConfigException.class, e -> assertThat(e.key()).isEqualTo("redis.key-prefix"));
        assertThatThrownBy(() -> GatewayConfig.from(ConfigLoader.load(null, Map.of("JIESU_CALLBACKS_LEASE", "1s"))))
                .isInstanceOfSatisfying(
                        ConfigException.class, e -> assertThat(e.key()).isEqualTo("callbacks.lease"));
        assertThat(GatewayConfig.from(ConfigLoader.load(null, Map.of("JIESU_SLA_EMERGENCY", "1h")))
                        .sla()
                        .limit(cn.jiesu.core.intake.Urgency.EMERGENCY))
                .isEqualTo(Duration.ofHours(1));
    }

    @Test
    @DisplayName("an operator file overlays the defaults and an unknown key is refused")
    void operatorFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mine.yaml");
        Files.writeString(file, "http:\n  port: 8181\nsla:\n  emergency: 90m\n");
        ConfigNode tree = ConfigLoader.load(file, Map.of());
        assertThat(tree.integer("http.port", 0, 65535)).isEqualTo(8181);
        assertThat(tree.duration("sla.emergency")).isEqualTo(Duration.ofMinutes(90));
        assertThat(tree.duration("sla.immediate")).isEqualTo(Duration.ofHours(24));

        Files.writeString(file, "http:\n  prot: 8181\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .hasMessage("http.prot: unknown key (the shipped defaults have no such key; did you mean http.port?)");
        Files.writeString(file, "http:\n  port: 8181\n  port: 8282\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .hasMessageStartingWith("config:")
                .hasMessageContaining("duplicate key");
        Files.writeString(file, "http: [unclosed\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of())).hasMessageStartingWith("config:");
    }

    @Test
    void durationsNeedAUnit() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(Durations.parse("7")).isNull();
        assertThat(Durations.parse("d")).isNull();
        assertThat(Durations.parse("99999999999999999999s")).isNull();
    }

    @Test
    void listsFromYamlOrCommaSeparatedEnvironment() {
        ConfigNode tree =
                ConfigLoader.tree(Map.of("a", Map.of("b", java.util.List.of("x", "y"), "c", "p, q")), Map.of());
        assertThat(tree.list("a.b")).containsExactly("x", "y");
        assertThat(tree.list("a.c")).containsExactly("p", "q");
        assertThat(ConfigLoader.parse(new StringReader(""), "empty")).isEmpty();
    }
}
