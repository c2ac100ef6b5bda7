package cn.jiesu.redis.channels;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.RedisConfig;
import cn.jiesu.redis.StreamKeys;
import cn.jiesu.redis.TestRedis;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CitizenIndexIT {
    private static final long T0 = 1_764_300_000_000L;

    private RedisClients clients;
    private ChannelKeys keys;
    private StreamKeys appealKeys;

    @BeforeEach
    void setUp() {
        RedisConfig config = TestRedis.config("citizen");
        clients = RedisClients.connect(config, new SimpleMeterRegistry());
        keys = new ChannelKeys(config.keyPrefix());
        appealKeys = new StreamKeys(config.keyPrefix());
    }

    @AfterEach
    void tearDown() {
        clients.close();
    }

    @Test
    @DisplayName("appeals are found by identity newest first within the window; old ones are dropped")
    void recentByIdentity() {
        CitizenIndex index = new CitizenIndex(clients, keys, appealKeys, Duration.ofHours(72));
        index.record("A", T0, List.of("WEIBO:1", "APP:用户 42"))
                .toCompletableFuture()
                .join();
        index.record("B", T0 + 1000, List.of("WEIBO:1")).toCompletableFuture().join();
        index.record("B", T0 + 1000, List.of("WEIBO:1")).toCompletableFuture().join();
        assertThat(index.recent("WEIBO:1", T0, 10).toCompletableFuture().join()).containsExactly("B", "A");
        assertThat(index.recent("WEIBO:1", T0 + 1, 10).toCompletableFuture().join())
                .containsExactly("B");
        assertThat(index.recent("APP:用户 42", 0, 10).toCompletableFuture().join())
                .containsExactly("A");
        index.record("C", T0 + Duration.ofDays(4).toMillis(), List.of("WEIBO:1"))
                .toCompletableFuture()
                .join();
        assertThat(index.recent("WEIBO:1", 0, 10).toCompletableFuture().join()).containsExactly("C");
    }

    @Test
    @DisplayName("ids by phone come from the appeal store's phone index, newest first within the window")
    void byPhone() {
        CitizenIndex index = new CitizenIndex(clients, keys, appealKeys, Duration.ofHours(72));
        var redis = clients.shared().sync();
        redis.zadd(appealKeys.phone("13800138000"), T0, "P1");
        redis.zadd(appealKeys.phone("13800138000"), T0 + 5, "P2");
        assertThat(index.recentByPhone("13800138000", T0 + 1, 10)
                        .toCompletableFuture()
                        .join())
                .containsExactly("P2");
        assertThat(index.recentByPhone("13800138000", 0, 10)
                        .toCompletableFuture()
                        .join())
                .containsExactly("P2", "P1");
    }

    @Test
    @DisplayName("bindings work both ways, one hop, and are undone by unbind")
    void bindings() {
        CitizenIndex index = new CitizenIndex(clients, keys, appealKeys, Duration.ofHours(72));
        assertThat(index.bind("WEIBO:1", "phone:13800138000")
                        .toCompletableFuture()
                        .join())
                .isTrue();
        assertThat(index.bind("phone:13800138000", "WEIBO:1")
                        .toCompletableFuture()
                        .join())
                .isFalse();
        assertThat(index.bound(List.of("phone:13800138000"))
                        .toCompletableFuture()
                        .join())
                .containsExactly("WEIBO:1");
        assertThat(index.bound(List.of("WEIBO:1", "phone:13800138000"))
                        .toCompletableFuture()
                        .join())
                .isEmpty();
        assertThat(index.unbind("WEIBO:1", "phone:13800138000")
                        .toCompletableFuture()
                        .join())
                .isTrue();
        assertThat(index.bound(List.of("WEIBO:1")).toCompletableFuture().join()).isEmpty();
    }

    @Test
    @DisplayName("a listing returns ids by receivedAt between two instants, newest first, capped, page by page")
    void listing() {
        RequestListing listing = new RequestListing(clients, keys, "open311", Duration.ofDays(90));
        for (int i = 0; i < 5; i++) {
            listing.add("R" + i, T0 + i * 1000L).toCompletableFuture().join();
        }
        assertThat(listing.between(T0 + 1000, T0 + 3000, 10)
                        .toCompletableFuture()
                        .join())
                .containsExactly("R3", "R2", "R1");
        assertThat(listing.between(T0, T0 + 10_000, 2).toCompletableFuture().join())
                .containsExactly("R4", "R3");
        assertThat(listing.between(T0, T0 + 10_000, 2, 2).toCompletableFuture().join())
                .containsExactly("R2", "R1");
        assertThat(listing.between(T0, T0 + 10_000, 4, 2).toCompletableFuture().join())
                .containsExactly("R0");
    }
}
