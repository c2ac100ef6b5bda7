package cn.jiesu.ivr.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("AMI configuration")
class AmiConfigTest {

    @Test
    @DisplayName("Absent keys take the documented defaults")
    void defaults() {
        AmiConfig c = AmiConfig.fromEnv(Map.of("JIESU_AMI_SECRET", "s3cret"));
        assertThat(c.host()).isEqualTo(AmiConfig.DEFAULT_HOST);
        assertThat(c.port()).isEqualTo(AmiConfig.DEFAULT_PORT);
        assertThat(c.username()).isEqualTo(AmiConfig.DEFAULT_USERNAME);
        assertThat(c.socketReadTimeout()).isEqualTo(AmiConfig.DEFAULT_SOCKET_READ_TIMEOUT);
        assertThat(c.pingInterval()).isEqualTo(AmiConfig.DEFAULT_PING_INTERVAL);
        assertThat(c.eventQueueCapacity()).isEqualTo(AmiConfig.DEFAULT_EVENT_QUEUE_CAPACITY);
        assertThat(c).isEqualTo(AmiConfig.of("127.0.0.1", 5038, "jiesu", "s3cret"));
    }

    @Test
    @DisplayName("Environment variables override, named mechanically from the kebab-case keys")
    void envOverrides() {
        AmiConfig c = AmiConfig.fromEnv(Map.of(
                "JIESU_AMI_HOST",
                "10.0.0.5",
                "JIESU_AMI_PORT",
                "15038",
                "JIESU_AMI_USERNAME",
                "gw",
                "JIESU_AMI_SECRET",
                "x",
                "JIESU_AMI_PING_INTERVAL_MS",
                "1500",
                "JIESU_AMI_RECONNECT_BACKOFF_MAX_MS",
                "4000",
                "JIESU_AMI_EVENT_QUEUE_CAPACITY",
                "1024"));
        assertThat(c.host()).isEqualTo("10.0.0.5");
        assertThat(c.port()).isEqualTo(15038);
        assertThat(c.username()).isEqualTo("gw");
        assertThat(c.pingInterval()).isEqualTo(Duration.ofMillis(1500));
        assertThat(c.reconnectBackoffMax()).isEqualTo(Duration.ofSeconds(4));
        assertThat(c.eventQueueCapacity()).isEqualTo(1024);
        assertThat(AmiConfig.envName("ami.socket-read-timeout-ms")).isEqualTo("JIESU_AMI_SOCKET_READ_TIMEOUT_MS");
    }

    @Test
    @DisplayName("The secret can come from a file (the lab's generated ami.secret)")
    void secretFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ami.secret");
        Files.writeString(file, "from-file\n");
        AmiConfig c = AmiConfig.fromEnv(Map.of("JIESU_AMI_SECRET_FILE", file.toString()));
        assertThat(c.secret()).isEqualTo("from-file");
    }

    @Test
    @DisplayName("toString never shows the secret")
    void toStringMasksSecret() {
        AmiConfig c = AmiConfig.of("127.0.0.1", 5038, "jiesu", "do-not-print-me");
        assertThat(c.toString()).doesNotContain("do-not-print-me").contains("secret=****");
    }

    @Test
    @DisplayName("Invalid values are refused with messages that name the key")
    void validation() {
        assertThatThrownBy(() -> AmiConfig.fromEnv(Map.of())).hasMessageStartingWith("ami.secret:");
        assertThatThrownBy(() -> AmiConfig.fromEnv(Map.of("JIESU_AMI_SECRET", "x", "JIESU_AMI_PORT", "0")))
                .hasMessageStartingWith("ami.port:");
        assertThatThrownBy(() -> AmiConfig.fromEnv(Map.of("JIESU_AMI_SECRET", "x", "JIESU_AMI_PORT", "abc")))
                .hasMessageStartingWith("ami.port:");
        assertThatThrownBy(
                        () -> AmiConfig.fromEnv(Map.of("JIESU_AMI_SECRET", "x", "JIESU_AMI_PING_INTERVAL_MS", "20000")))
                .hasMessageStartingWith("ami.ping-interval-ms:");
        assertThatThrownBy(() -> AmiConfig.fromEnv(
                        Map.of("JIESU_AMI_SECRET", "x", "JIESU_AMI_RECONNECT_BACKOFF_MIN_MS", "5000")))
                .hasMessageStartingWith("ami.reconnect-backoff-min-ms:");
        assertThatThrownBy(
                        () -> AmiConfig.fromEnv(Map.of("JIESU_AMI_SECRET", "x", "JIESU_AMI_EVENT_QUEUE_CAPACITY", "2")))
                .hasMessageStartingWith("ami.event-queue-capacity:");
        assertThatThrownBy(
                        () -> AmiConfig.fromEnv(Map.of("JIESU_AMI_SECRET", "x", "JIESU_AMI_CONNECT_TIMEOUT_MS", "-1")))
                .hasMessageStartingWith("ami.connect-timeout-ms:");
    }
}
