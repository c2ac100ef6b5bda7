package cn.jiesu.redis.raw;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.core.raw.RawPayload;
import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.RedisConfig;
import cn.jiesu.redis.TestRedis;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RawPayloadStoreIT {
    private RedisClients clients;
    private RawPayloadStore store;
    private RedisConfig config;

    @BeforeEach
    void setUp() {
        config = TestRedis.config("raw");
        clients = RedisClients.connect(config, new SimpleMeterRegistry());
        store = new RawPayloadStore(clients, config.keyPrefix(), Duration.ofMinutes(10), Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        clients.close();
    }

    @Test
    @DisplayName("a payload is kept byte for byte with its headers, query and plaintext; a retry keeps the first copy")
    void storeAndRead() throws Exception {
        byte[] body = {(byte) 0xE5, (byte) 0x81, 0x00, (byte) 0xFF, '{', '}'};
        String sha =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        String ref = "raw/sha256/" + sha;
        StoredPayload first = new StoredPayload(
                new RawPayload(
                        ref,
                        sha,
                        body,
                        Map.of("content-type", "text/xml"),
                        Map.of("nonce", "1"),
                        "<xml>明文</xml>".getBytes(StandardCharsets.UTF_8)),
                "wechat",
                null);
        assertThat(store.store(first).toCompletableFuture().join()).isTrue();
        StoredPayload retry = new StoredPayload(
                new RawPayload(ref, sha, body, Map.of("content-type", "application/xml"), Map.of("nonce", "2"), null),
                "wechat",
                null);
        assertThat(store.store(retry).toCompletableFuture().join()).isFalse();

        StoredPayload read = store.get(ref).toCompletableFuture().join().orElseThrow();
        assertThat(read.payload()).isEqualTo(first.payload());
        assertThat(read.payload().body()).isEqualTo(body);
        assertThat(read.payload().headers()).containsEntry("content-type", "text/xml");
        assertThat(read.payload().query()).containsEntry("nonce", "1");
        assertThat(new String(read.payload().decrypted(), StandardCharsets.UTF_8))
                .isEqualTo("<xml>明文</xml>");
        assertThat(read.storedAt()).isNotNull();
        assertThat(read.channel()).isEqualTo("wechat");
        long ttl = clients.shared().sync().pttl(store.key(ref));
        assertThat(ttl).isBetween(1L, Duration.ofMinutes(10).toMillis());
        assertThat(store.get("raw/sha256/" + "0".repeat(64))
                        .toCompletableFuture()
                        .join())
                .isEmpty();
    }
}
