package cn.jiesu.redis.intake;

import static cn.jiesu.testkit.Stages.await;
import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.RedisConfig;
import cn.jiesu.redis.StreamKeys;
import cn.jiesu.redis.TestRedis;
import io.lettuce.core.Consumer;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.sync.RedisCommands;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TrimIT {
    /** Several stream macro nodes (100 entries each by default), so approximate trimming has whole nodes to drop. */
    private static final int ENTRIES = 350;

    private RedisClients clients;
    private StreamKeys keys;
    private RedisCommands<String, String> redis;
    private StreamGroups groups;
    private List<String> ids;

    @BeforeEach
    void setUp() {
        RedisConfig config = TestRedis.config("trim");
        clients = RedisClients.connect(config, new SimpleMeterRegistry());
        keys = new StreamKeys(config.keyPrefix());
        redis = clients.shared().sync();
        groups = new StreamGroups(clients, keys.intakeStream());
        ids = new ArrayList<>();
        for (int i = 0; i < ENTRIES; i++) {
            ids.add(redis.xadd(keys.intakeStream(), Map.of("n", Integer.toString(i))));
        }
    }

    @AfterEach
    void tearDown() {
        clients.close();
    }

    @Test
    @DisplayName("Without consumer groups nothing is trimmed, however old")
    void noGroups() {
        assertThat(await(trimmer(Duration.ofMillis(1)).trimOnce())).isZero();
        assertThat(redis.xlen(keys.intakeStream())).isEqualTo(ENTRIES);
    }

    @Test
    @DisplayName("An entry pending in one group is never trimmed, even when every other group is done")
    void pendingNeverTrimmed() {
        await(groups.create("done"));
        await(groups.create("stuck"));
        readAndAck("done", ENTRIES);
        List<StreamMessage<String, String>> first = read("stuck", 1); // delivered, never acknowledged
        readAndAck("stuck", ENTRIES - 1);

        assertThat(await(trimmer(Duration.ofMillis(1)).trimOnce())).isZero();
        assertThat(redis.xlen(keys.intakeStream())).isEqualTo(ENTRIES);
        assertThat(redis.xrange(keys.intakeStream(), Range.create(ids.getFirst(), ids.getFirst())))
                .hasSize(1);

        redis.xack(keys.intakeStream(), "stuck", first.getFirst().getId());
        assertThat(await(trimmer(Duration.ofMillis(1)).trimOnce())).isPositive();
        assertThat(redis.xlen(keys.intakeStream())).isLessThan(ENTRIES);
    }

    @Test
    @DisplayName("A lagging group keeps every entry it has not been delivered")
    void laggingGroupKeepsUndelivered() {
        await(groups.create("fast"));
        await(groups.create("slow"));
        readAndAck("fast", ENTRIES);
        readAndAck("slow", 250);

        assertThat(await(trimmer(Duration.ofMillis(1)).trimOnce())).isPositive();
        List<StreamMessage<String, String>> left = redis.xrange(keys.intakeStream(), Range.create("-", "+"));
        assertThat(left).extracting(StreamMessage::getId).containsAll(ids.subList(250, ENTRIES));
    }

    @Test
    @DisplayName("Entries younger than the retention stay even when every group has acknowledged them")
    void retention() {
        await(groups.create("done"));
        readAndAck("done", ENTRIES);
        assertThat(await(trimmer(Duration.ofDays(30)).trimOnce())).isZero();
        assertThat(redis.xlen(keys.intakeStream())).isEqualTo(ENTRIES);
    }

    private StreamTrimmer trimmer(Duration retention) {
        RedisConfig config =
                TestRedis.config("trim").withKeyPrefix(keys.prefix()).withStreamRetention(retention);
        return new StreamTrimmer(clients, keys, config, Clock.systemUTC());
    }

    private List<StreamMessage<String, String>> read(String group, int count) {
        return redis.xreadgroup(
                Consumer.from(group, "t"),
                XReadArgs.Builder.count(count),
                XReadArgs.StreamOffset.lastConsumed(keys.intakeStream()));
    }

    private void readAndAck(String group, int count) {
        int left = count;
        while (left > 0) {
            List<StreamMessage<String, String>> batch = read(group, Math.min(left, 100));
            redis.xack(
                    keys.intakeStream(),
                    group,
                    batch.stream().map(StreamMessage::getId).toArray(String[]::new));
            left -= batch.size();
        }
    }
}
