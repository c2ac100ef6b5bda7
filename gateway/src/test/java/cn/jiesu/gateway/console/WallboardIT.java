package cn.jiesu.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.core.intake.Channel;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.intake.Urgency;
import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.RedisConfig;
import cn.jiesu.redis.StreamKeys;
import cn.jiesu.redis.intake.RedisAppealStore;
import cn.jiesu.testkit.MutableClock;
import cn.jiesu.testkit.TestEnv;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The wallboard's appeal tiles over the meters the appeal store really registers ({@code intake.appended},
 * {@code intake.appended.tier}), fed by real appends to the test Redis: no stand-in meters.
 */
class WallboardIT {
    // 2026-11-28 10:00 in Beijing.
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T02:00:00Z"));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private Vertx vertx;
    private RedisClients redis;
    private RedisAppealStore store;
    private Wallboard wallboard;

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
        String prefix = "test:wallboard:" + UUID.randomUUID().toString().substring(0, 8) + ":";
        RedisConfig rc = RedisConfig.defaults(TestEnv.redisUri()).withKeyPrefix(prefix);
        redis = RedisClients.connect(rc, new SimpleMeterRegistry());
        store = new RedisAppealStore(redis, new StreamKeys(prefix), rc, registry, Clock.systemUTC());
        ConsoleConfig config = ConsoleTestConfig.standard(Map.of());
        AgentStates agents = new AgentStates(
                vertx.getOrCreateContext(),
                config,
                new InMemoryStores.Agents(),
                QueueControl.none(),
                new AgentSockets(),
                clock,
                registry);
        wallboard = new Wallboard(registry, config.meters(), agents, clock);
    }

    @AfterEach
    void tearDown() {
        redis.close();
        vertx.close().await();
    }

    private void append(Channel channel, Urgency urgency, String messageId) {
        store.append(Intake.builder()
                        .intakeId(UUID.randomUUID().toString())
                        .channel(channel)
                        .channelAccount("wallboard")
                        .channelMessageId(messageId)
                        .receivedAt(clock.instant())
                        .content("小区路灯不亮")
                        .urgency(urgency)
                        .build())
                .toCompletableFuture()
                .join();
    }

    @Test
    @DisplayName("today's appeals by channel and by tier count new appeals as appended, not duplicates")
    void appealsByChannelAndTier() {
        append(Channel.WEB, Urgency.EMERGENCY, "m1");
        append(Channel.WEB, Urgency.EMERGENCY, "m1"); // a retry: the same appeal
        append(Channel.APP, Urgency.NORMAL, "m2");
        append(Channel.PHONE, Urgency.IMMEDIATE, "m3");

        JsonObject s = wallboard.snapshot();

        assertThat(s.getJsonObject("appealsByChannel").getLong("web")).isEqualTo(1);
        assertThat(s.getJsonObject("appealsByChannel").getLong("app")).isEqualTo(1);
        assertThat(s.getJsonObject("appealsByChannel").getLong("phone")).isEqualTo(1);
        JsonObject tiers = s.getJsonObject("appealsByTier");
        assertThat(tiers.getMap()).containsOnlyKeys("emergency", "immediate", "normal", "complex");
        assertThat(tiers.getLong("emergency")).isEqualTo(1);
        assertThat(tiers.getLong("immediate")).isEqualTo(1);
        assertThat(tiers.getLong("normal")).isEqualTo(1);
        assertThat(tiers.getLong("complex")).isZero();
    }

    @Test
    @DisplayName("today's appeals count from the first read of each Beijing day")
    void countsFromTheDayStart() {
        for (int i = 0; i < 4; i++) {
            append(Channel.WEB, Urgency.NORMAL, "d1-" + i);
        }
        assertThat(wallboard.snapshot().getJsonObject("appealsByChannel").getLong("web"))
                .isEqualTo(4);

        clock.set(Instant.parse("2026-11-28T16:00:01Z")); // 00:00:01 on the 29th in Beijing
        append(Channel.WEB, Urgency.NORMAL, "d1-late");
        JsonObject first = wallboard.snapshot();
        assertThat(first.getJsonObject("appealsByChannel").getLong("web")).isZero();
        assertThat(first.getJsonObject("appealsByTier").getLong("normal")).isZero();

        append(Channel.WEB, Urgency.EMERGENCY, "d2-1");
        append(Channel.WEB, Urgency.NORMAL, "d2-2");
        JsonObject later = wallboard.snapshot();
        assertThat(later.getJsonObject("appealsByChannel").getLong("web")).isEqualTo(2);
        assertThat(later.getJsonObject("appealsByTier").getLong("emergency")).isEqualTo(1);
        assertThat(later.getJsonObject("appealsByTier").getLong("normal")).isEqualTo(1);
    }
}
