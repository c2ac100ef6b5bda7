package cn.jiesu.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RedisConfigTest {
    private static final URI LOCAL = URI.create("redis://127.0.0.1:6379");

    @Test
    @DisplayName("The defaults are the documented ones")
    void defaults() {
        RedisConfig c = RedisConfig.defaults(LOCAL);
        assertThat(c.commandTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.requestQueueSize()).isEqualTo(10_000);
        assertThat(c.keyPrefix()).isEqualTo("jiesu:");
        assertThat(c.dedupeWindow()).isEqualTo(Duration.ofDays(7));
        assertThat(c.reclaimIdle()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.maxDeliveries()).isEqualTo(5);
        assertThat(c.blockTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.batchSize()).isEqualTo(100);
        assertThat(c.streamRetention()).isEqualTo(Duration.ofDays(30));
        assertThat(c.appealRetention()).isEqualTo(Duration.ofDays(400));
    }

    @Test
    @DisplayName("Appeals must outlive their dedupe key and stream entry; 0 keeps them forever")
    void appealRetention() {
        RedisConfig c = RedisConfig.defaults(LOCAL);
        String message = "redis.appeal-retention: must be at least redis.dedupe-window and redis.stream-retention, "
                + "or 0 to keep appeals forever";
        assertThatThrownBy(() -> c.withAppealRetention(Duration.ofDays(6))).hasMessage(message);
        assertThatThrownBy(() -> c.withAppealRetention(Duration.ofDays(29))).hasMessage(message);
        assertThatThrownBy(() -> c.withAppealRetention(Duration.ofDays(-1))).hasMessage(message);
        assertThatThrownBy(() -> c.withAppealRetention(null)).hasMessage("redis.appeal-retention: required");
        assertThat(c.withAppealRetention(Duration.ofDays(30)).appealRetentionMillis())
                .isEqualTo(Duration.ofDays(30).toMillis());
        assertThat(c.withAppealRetention(Duration.ZERO).appealRetentionMillis()).isZero();
    }

    @Test
    @DisplayName("A non-positive command timeout is refused with the YAML key in the message")
    void commandTimeout() {
        assertThatThrownBy(() -> RedisConfig.defaults(LOCAL).withCommandTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("redis.command-timeout: must be positive");
    }

    @Test
    @DisplayName("Consumer settings are validated: deliveries, batch size, block and reclaim times")
    void consumerSettings() {
        RedisConfig c = RedisConfig.defaults(LOCAL);
        assertThatThrownBy(() -> c.withConsumer(Duration.ofSeconds(1), 0, Duration.ofSeconds(1), 10))
                .hasMessage("redis.max-deliveries: must be positive");
        assertThatThrownBy(() -> c.withConsumer(Duration.ofSeconds(1), 3, Duration.ofSeconds(1), 0))
                .hasMessage("redis.batch-size: must be between 1 and 10000");
        assertThatThrownBy(() -> c.withConsumer(Duration.ofSeconds(1), 3, Duration.ofMillis(-1), 10))
                .hasMessage("redis.block-timeout: must be positive");
        assertThatThrownBy(() -> c.withConsumer(null, 3, Duration.ofSeconds(1), 10))
                .hasMessage("redis.reclaim-idle: required");
    }

    @Test
    @DisplayName("Only redis:// and rediss:// URIs with a host are accepted")
    void uri() {
        assertThatThrownBy(() -> RedisConfig.defaults(URI.create("http://localhost:6379")))
                .hasMessageStartingWith("redis.uri:");
        assertThatThrownBy(() -> RedisConfig.defaults(null)).hasMessage("redis.uri: required");
    }

    @Test
    @DisplayName("A key prefix with spaces or glob characters is refused")
    void keyPrefix() {
        assertThatThrownBy(() -> RedisConfig.defaults(LOCAL).withKeyPrefix("jie su:"))
                .hasMessageStartingWith("redis.key-prefix:");
        assertThatThrownBy(() -> RedisConfig.defaults(LOCAL).withKeyPrefix("jiesu*:"))
                .hasMessageStartingWith("redis.key-prefix:");
        assertThatThrownBy(() -> RedisConfig.defaults(LOCAL).withKeyPrefix(""))
                .hasMessageStartingWith("redis.key-prefix:");
    }

    @Test
    @DisplayName("toString never shows the password of the URI")
    void redacted() {
        RedisConfig c = RedisConfig.defaults(URI.create("redis://:s3cret@10.0.0.5:6380/0"));
        assertThat(c.toString()).doesNotContain("s3cret").contains("redis://***@10.0.0.5:6380/0");
    }
}
