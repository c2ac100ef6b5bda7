package cn.jiesu.redis.ivr;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.RedisConfig;
import cn.jiesu.redis.TestRedis;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RedisLookupBudgetIT {
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private RedisClients clients;
    private RedisConfig config;

    @BeforeEach
    void setUp() {
        config = TestRedis.config("lookups");
        clients = RedisClients.connect(config, new SimpleMeterRegistry());
    }

    @AfterEach
    void tearDown() {
        clients.close();
    }

    private RedisLookupBudget budget(String instant) {
        return new RedisLookupBudget(
                clients, config.keyPrefix(), 3, 2, BEIJING, Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
    }

    private static boolean take(RedisLookupBudget b, String caller) {
        return b.take(caller).toCompletableFuture().join();
    }

    @Test
    @DisplayName("a number has its own daily budget; callers without one share the anonymous bucket; a new day resets")
    void dailyBudgets() {
        RedisLookupBudget day1 = budget("2026-12-05T15:00:00Z"); // 23:00 in Beijing
        for (int i = 0; i < 3; i++) {
            assertThat(take(day1, "13800138000")).isTrue();
        }
        assertThat(take(day1, "13800138000")).isFalse();
        assertThat(take(day1, "13800138000")).as("refusals count too").isFalse();
        assertThat(take(day1, "13900139000")).as("another number").isTrue();
        assertThat(take(day1, null)).isTrue();
        assertThat(take(day1, "")).isTrue();
        assertThat(take(day1, null)).as("anonymous callers share one bucket").isFalse();

        RedisLookupBudget day2 = budget("2026-12-05T16:30:00Z"); // 00:30 the next day in Beijing
        assertThat(take(day2, "13800138000")).isTrue();
        assertThat(take(day2, null)).isTrue();

        String key = config.keyPrefix() + "ivr:lookups:20261205:13800138000";
        assertThat(clients.shared().sync().get(key)).isEqualTo("5");
        // Set at 23:00 on the 5th: lives to the end of the 6th (Beijing), 25 hours.
        assertThat(clients.shared().sync().ttl(key)).isBetween(24 * 3600L, 25 * 3600L);
    }
}
