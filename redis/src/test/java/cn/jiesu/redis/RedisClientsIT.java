package cn.jiesu.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.Consumer;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RedisClientsIT {
    private SimpleMeterRegistry registry;
    private RedisClients clients;
    private StreamKeys keys;

    @BeforeEach
    void setUp() {
        RedisConfig config = TestRedis.config("clients");
        registry = new SimpleMeterRegistry();
        clients = RedisClients.connect(config, registry);
        keys = new StreamKeys(config.keyPrefix());
    }

    @AfterEach
    void tearDown() {
        clients.close();
    }

    @Test
    @DisplayName("Ping measures a round trip and the connection gauge reads 1")
    void ping() throws Exception {
        Duration rtt = clients.ping().toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(rtt).isPositive().isLessThan(Duration.ofSeconds(2));
        assertThat(clients.isConnected()).isTrue();
        assertThat(registry.get("redis.connection.up").gauge().value()).isEqualTo(1);
    }

    @Test
    @DisplayName("A blocked XREADGROUP on a dedicated connection does not stall the shared one")
    void dedicatedDoesNotStallShared() throws Exception {
        clients.shared()
                .sync()
                .xgroupCreate(
                        XReadArgs.StreamOffset.from(keys.intakeStream(), "0-0"),
                        "g",
                        XGroupCreateArgs.Builder.mkstream());
        StatefulRedisConnection<String, String> reader = clients.dedicated();
        CompletableFuture<List<StreamMessage<String, String>>> blocked = reader.async()
                .xreadgroup(
                        Consumer.from("g", "c"),
                        XReadArgs.Builder.block(Duration.ofSeconds(3)),
                        XReadArgs.StreamOffset.lastConsumed(keys.intakeStream()))
                .toCompletableFuture();

        long start = System.nanoTime();
        String pong = clients.shared().async().ping().toCompletableFuture().get(2, TimeUnit.SECONDS);
        assertThat(pong).isEqualTo("PONG");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        assertThat(blocked).isNotDone();
        // 3 s block + 2 s command timeout: the blocking read is not cut off by the ordinary command timeout.
        assertThat(blocked.get(6, TimeUnit.SECONDS)).isEmpty();
        clients.release(reader);
    }

    @Test
    @DisplayName("Lettuce's command latencies are published to the injected registry")
    void commandLatencies() throws Exception {
        clients.shared()
                .async()
                .set(keys.prefix() + "probe", "1")
                .toCompletableFuture()
                .get(5, TimeUnit.SECONDS);
        assertThat(registry.find("lettuce.command.completion")
                        .tag("command", "SET")
                        .timer())
                .isNotNull();
    }
}
