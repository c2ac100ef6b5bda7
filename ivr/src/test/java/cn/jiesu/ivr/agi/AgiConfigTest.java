package cn.jiesu.ivr.agi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AgiConfigTest {

    @Test
    @DisplayName("Defaults: loopback, port 4573, virtual threads, room for 10,000 sessions")
    void defaults() {
        AgiConfig c = AgiConfig.defaults();

        assertThat(c.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(c.port()).isEqualTo(4573);
        assertThat(c.threads()).isEqualTo(AgiConfig.Threads.VIRTUAL);
        assertThat(c.maxSessions()).isEqualTo(10_000);
        assertThat(c.socketReadTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.shutdownGrace()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    @DisplayName("Overrides keep the other values")
    void overrides() {
        AgiConfig c = AgiConfig.defaults().withPort(14573).withThreads(AgiConfig.Threads.PLATFORM, 500);

        assertThat(c.port()).isEqualTo(14573);
        assertThat(c.threads()).isEqualTo(AgiConfig.Threads.PLATFORM);
        assertThat(c.maxSessions()).isEqualTo(500);
        assertThat(c.bindAddress()).isEqualTo(AgiConfig.DEFAULT_BIND_ADDRESS);
    }

    @Test
    @DisplayName("Bad values are refused with the agi.* key in the message")
    void validationNamesTheKey() {
        AgiConfig d = AgiConfig.defaults();
        assertThatThrownBy(() -> d.withPort(0)).hasMessage("agi.port: must be between 1 and 65535, was 0");
        assertThatThrownBy(() -> d.withThreads(AgiConfig.Threads.VIRTUAL, 0))
                .hasMessageStartingWith("agi.max-sessions:");
        assertThatThrownBy(() -> new AgiConfig(
                        " ", 4573, AgiConfig.Threads.VIRTUAL, 1, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .hasMessage("agi.bind-address: required");
        assertThatThrownBy(() -> new AgiConfig(
                        "127.0.0.1", 4573, AgiConfig.Threads.VIRTUAL, 1, Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessageStartingWith("agi.socket-read-timeout: must be positive");
        assertThatThrownBy(() ->
                        new AgiConfig("127.0.0.1", 4573, AgiConfig.Threads.VIRTUAL, 1, Duration.ofSeconds(1), null))
                .hasMessage("agi.shutdown-grace: required");
        assertThatThrownBy(() -> AgiConfig.threadsOf("green"))
                .hasMessage("agi.threads: 'virtual' or 'platform', was 'green'");
        assertThat(AgiConfig.threadsOf(" Platform ")).isEqualTo(AgiConfig.Threads.PLATFORM);
    }
}
