package cn.jiesu.redis.channels;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.RedisConfig;
import cn.jiesu.redis.TestRedis;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SignedNoncesIT {
    private RedisClients clients;
    private ChannelKeys keys;
    private SignedNonces nonces;

    @BeforeEach
    void setUp() {
        RedisConfig config = TestRedis.config("nonces");
        clients = RedisClients.connect(config, new SimpleMeterRegistry());
        keys = new ChannelKeys(config.keyPrefix());
        nonces = new SignedNonces(clients, keys);
    }

    @AfterEach
    void tearDown() {
        clients.close();
    }

    private String claim(String client, String nonce, String value) {
        return claim("app", client, nonce, value);
    }

    private String claim(String channel, String client, String nonce, String value) {
        return nonces.claim(channel, client, nonce, value, Duration.ofMinutes(10))
                .toCompletableFuture()
                .join();
    }

    @Test
    @DisplayName("the first claim binds the nonce; later claims get the first value back and change nothing")
    void firstClaimWins() {
        assertThat(claim("app-ios", "nonce-0001", "key-a")).isNull();
        assertThat(claim("app-ios", "nonce-0001", "key-a")).isEqualTo("key-a");
        assertThat(claim("app-ios", "nonce-0001", "key-b")).isEqualTo("key-a");
        assertThat(claim("app-android", "nonce-0001", "key-b")).isNull(); // nonces are per client
        assertThat(claim("open311", "app-ios", "nonce-0001", "key-b")).isNull(); // and per channel
    }

    @Test
    @DisplayName("a claim expires with its ttl: memory is bounded by the skew window")
    void expires() {
        assertThat(claim("app-ios", "nonce-0002", "key-a")).isNull();
        long ttl = clients.shared().sync().pttl(keys.nonce("app", "app-ios", "nonce-0002"));
        assertThat(ttl).isBetween(1L, Duration.ofMinutes(10).toMillis());
    }
}
