package cn.jiesu.redis.hotspot;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.RedisConfig;
import cn.jiesu.redis.TestRedis;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Enriched phone appeals, announced on any instance and taken by the detecting one, on real Redis. */
class EnrichedAppealsIT {
    private RedisClients clients;
    private HotspotKeys keys;

    @BeforeEach
    void setUp() {
        RedisConfig config = TestRedis.config("enriched");
        clients = RedisClients.connect(config, new SimpleMeterRegistry());
        keys = new HotspotKeys(config.keyPrefix());
    }

    @AfterEach
    void tearDown() {
        clients.close();
    }

    @Test
    @DisplayName("announced appeals are taken once, acknowledged; a deleted stream is made again, not an error")
    void takenOnceAndSurvivesADeletedStream() {
        EnrichedAppeals announcer = new EnrichedAppeals(clients, keys);
        EnrichedAppeals holder = new EnrichedAppeals(clients, keys);
        announcer.announce("A1").toCompletableFuture().join();
        announcer.announce("A2").toCompletableFuture().join();
        List<EnrichedAppeals.Enriched> first = holder.take("gw-a", 10);
        assertThat(first).extracting(EnrichedAppeals.Enriched::intakeId).containsExactly("A1", "A2");
        holder.done(first);
        assertThat(holder.take("gw-a", 10)).isEmpty();

        clients.shared().sync().del(keys.enriched()); // FLUSHDB, an operator
        assertThat(holder.take("gw-a", 10)).isEmpty();
        announcer.announce("A3").toCompletableFuture().join();
        assertThat(holder.take("gw-a", 10))
                .extracting(EnrichedAppeals.Enriched::intakeId)
                .containsExactly("A3");
    }
}
