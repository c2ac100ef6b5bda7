package cn.jiesu.redis.intake;

import static cn.jiesu.testkit.Stages.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.jiesu.core.intake.Intake;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ConsumerIT {
    private static final String GROUP = "routing";

    private RedisConfig config;
    private RedisClients clients;
    private StreamKeys keys;
    private SimpleMeterRegistry registry;
    private RedisAppealStore store;
    private RedisCommands<String, String> redis;
    private final List<IntakeConsumer> consumers = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        config = TestRedis.config("consumer").withConsumer(Duration.ofMillis(500), 3, Duration.ofMillis(200), 10);
        registry = new SimpleMeterRegistry();
        clients = RedisClients.connect(config, registry);
        keys = new StreamKeys(config.keyPrefix());
        store = new RedisAppealStore(clients, keys, config, registry, Clock.systemUTC());
        redis = clients.shared().sync();
    }

    @AfterEach
    void tearDown() {
        consumers.forEach(IntakeConsumer::stop);
        clients.close();
    }

    @Test
    @DisplayName("Entries are handled once each and acknowledged; the group gauges fall back to zero")
    void handlesAndAcks() {
        List<IntakeEntry> seen = new CopyOnWriteArrayList<>();
        start("c1", entry -> {
            seen.add(entry);
            return CompletableFuture.completedFuture(null);
        });
        for (int i = 0; i < 3; i++) {
            await(store.append(Intakes.web("ok-" + i).build()));
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 3);
        assertThat(seen).extracting(IntakeEntry::deliveries).containsOnly(1L);
        assertThat(seen).extracting(e -> e.intake().appealNo()).doesNotContainNull();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(redis.xpending(keys.intakeStream(), GROUP).getCount()).isZero();
            assertThat(registry.get("intake.stream.pending")
                            .tags("group", GROUP)
                            .gauge()
                            .value())
                    .isZero();
            assertThat(registry.get("intake.stream.lag")
                            .tags("group", GROUP)
                            .gauge()
                            .value())
                    .isZero();
        });
        assertThat(registry.get("intake.handled")
                        .tags("group", GROUP, "result", "ok")
                        .counter()
                        .count())
                .isEqualTo(3);
    }

    @Test
    @DisplayName("A drained group's lag is 0 even when Redis lost its read counter (as after a 7.0 AOF rewrite)")
    void lagAfterLostReadCounter() {
        start("c1", entry -> CompletableFuture.completedFuture(null));
        for (int i = 0; i < 5; i++) {
            await(store.append(Intakes.web("lag-" + i).build()));
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> redis.xpending(keys.intakeStream(), GROUP).getCount() == 0
                        && registry.get("intake.stream.lag")
                                        .tags("group", GROUP)
                                        .gauge()
                                        .value()
                                == 0);
        // what a restart of Redis 7.0 leaves: the group drained, its entries-read counter wrong
        redis.dispatch(
                io.lettuce.core.protocol.CommandType.XGROUP,
                new io.lettuce.core.output.StatusOutput<>(io.lettuce.core.codec.StringCodec.UTF8),
                new io.lettuce.core.protocol.CommandArgs<>(io.lettuce.core.codec.StringCodec.UTF8)
                        .add("SETID")
                        .addKey(keys.intakeStream())
                        .add(GROUP)
                        .add("$")
                        .add("ENTRIESREAD")
                        .add(0));
        Object redisLag = redis.xinfoGroups(keys.intakeStream()).stream()
                .map(Object::toString)
                .filter(g -> g.contains(GROUP))
                .findFirst()
                .orElseThrow();
        assertThat(redisLag.toString()).as("Redis's own lag is wrong now").contains("lag, 5");
        GroupPosition p = await(new StreamGroups(clients, keys.intakeStream()).position(GROUP))
                .orElseThrow();
        assertThat(p.lag()).contains(0L);
    }

    @Test
    @DisplayName("Consumers left by earlier runs with nothing pending are deleted; one with pending entries stays")
    void idleConsumersDeleted() {
        await(new StreamGroups(clients, keys.intakeStream()).create(GROUP));
        await(store.append(Intakes.web("old-1").build()));
        // "host-1" read the entry and died with it pending; "host-2" and "host-3" ran and left nothing pending
        redis.xreadgroup(Consumer.from(GROUP, "host-1"), XReadArgs.StreamOffset.lastConsumed(keys.intakeStream()));
        redis.xgroupCreateconsumer(keys.intakeStream(), Consumer.from(GROUP, "host-2"));
        redis.xgroupCreateconsumer(keys.intakeStream(), Consumer.from(GROUP, "host-3"));
        StreamGroups groups = new StreamGroups(clients, keys.intakeStream());

        assertThat(await(groups.deleteIdleConsumers(GROUP, "host-3", Duration.ZERO)))
                .isEqualTo(1);
        assertThat(redis.xinfoConsumers(keys.intakeStream(), GROUP).toString())
                .contains("host-1")
                .contains("host-3")
                .doesNotContain("host-2");
        // a young consumer is kept: it may be another instance between two reads
        assertThat(await(groups.deleteIdleConsumers(GROUP, "x", Duration.ofMinutes(10))))
                .isZero();
    }

    @Test
    @DisplayName("An entry read by a consumer that died is claimed by another after reclaimIdle")
    void reclaim() {
        await(new StreamGroups(clients, keys.intakeStream()).create(GROUP));
        Intake intake = Intakes.web("lost-1").build();
        await(store.append(intake));
        List<StreamMessage<String, String>> takenByA =
                redis.xreadgroup(Consumer.from(GROUP, "a"), XReadArgs.StreamOffset.lastConsumed(keys.intakeStream()));
        assertThat(takenByA).hasSize(1); // consumer "a" now holds it and never acknowledges

        List<IntakeEntry> seenByB = new CopyOnWriteArrayList<>();
        start("b", entry -> {
            seenByB.add(entry);
            return CompletableFuture.completedFuture(null);
        });

        await().atMost(Duration.ofSeconds(10)).until(() -> seenByB.size() == 1);
        assertThat(seenByB.getFirst().intake().intakeId()).isEqualTo(intake.intakeId());
        assertThat(seenByB.getFirst().deliveries()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> redis.xpending(keys.intakeStream(), GROUP).getCount() == 0);
    }

    @Test
    @DisplayName("An entry whose handler always fails goes to the dead-letter stream after maxDeliveries and is acked")
    void deadLetter() {
        AtomicInteger attempts = new AtomicInteger();
        start("c1", entry -> {
            attempts.incrementAndGet();
            return CompletableFuture.failedFuture(new IllegalStateException("department system rejected it"));
        });
        Intake intake = Intakes.web("poison-1").build();
        await(store.append(intake));
        String entryId = redis.xrange(keys.intakeStream(), Range.create("-", "+"))
                .getFirst()
                .getId();

        await().atMost(Duration.ofSeconds(15)).until(() -> redis.xlen(keys.deadLetterStream()) == 1);
        Map<String, String> dead = redis.xrange(keys.deadLetterStream(), Range.create("-", "+"))
                .getFirst()
                .getBody();
        assertThat(dead)
                .containsEntry(DeadLetters.ENTRY_ID, entryId)
                .containsEntry(DeadLetters.GROUP, GROUP)
                .containsEntry(DeadLetters.DELIVERIES, "4")
                .containsEntry("intakeId", intake.intakeId());
        assertThat(dead.get(DeadLetters.ERROR)).contains("department system rejected it");
        assertThat(attempts).hasValue(config.maxDeliveries());
        assertThat(redis.xpending(keys.intakeStream(), GROUP).getCount()).isZero();
        assertThat(registry.get("intake.deadlettered")
                        .tags("group", GROUP)
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    @Test
    @DisplayName("An entry that does not decode goes straight to the dead-letter stream without reaching the handler")
    void undecodable() {
        AtomicInteger calls = new AtomicInteger();
        start("c1", entry -> {
            calls.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        });
        String bad = redis.xadd(keys.intakeStream(), Map.of("intakeId", "01BAD", "channel", "CARRIER_PIGEON"));

        await().atMost(Duration.ofSeconds(10)).until(() -> redis.xlen(keys.deadLetterStream()) == 1);
        Map<String, String> dead = redis.xrange(keys.deadLetterStream(), Range.create("-", "+"))
                .getFirst()
                .getBody();
        assertThat(dead).containsEntry(DeadLetters.ENTRY_ID, bad).containsEntry(DeadLetters.DELIVERIES, "1");
        assertThat(dead.get(DeadLetters.ERROR)).startsWith("undecodable");
        assertThat(calls).hasValue(0);
        assertThat(redis.xpending(keys.intakeStream(), GROUP).getCount()).isZero();
    }

    @Test
    @DisplayName("Stopping lets the in-flight handler finish and acknowledges its entry")
    void stopFinishesInFlight() {
        List<IntakeEntry> started = new CopyOnWriteArrayList<>();
        IntakeConsumer c = start("c1", entry -> {
            started.add(entry);
            return CompletableFuture.runAsync(() -> {}, CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS));
        });
        await(store.append(Intakes.web("slow-1").build()));
        await().atMost(Duration.ofSeconds(10)).until(() -> started.size() == 1);

        c.stop();
        assertThat(c.isRunning()).isFalse();
        assertThat(redis.xpending(keys.intakeStream(), GROUP).getCount()).isZero();
    }

    @Test
    @DisplayName("Creating a group twice is fine: the second time reports that it existed")
    void createTwice() {
        StreamGroups groups = new StreamGroups(clients, keys.intakeStream());
        assertThat(await(groups.create("g2"))).isTrue();
        assertThat(await(groups.create("g2"))).isFalse();
    }

    private IntakeConsumer start(String name, IntakeHandler handler) {
        IntakeConsumer c = new IntakeConsumer(clients, keys, config, GROUP, name, handler, registry, Clock.systemUTC());
        consumers.add(c);
        await(c.start());
        return c;
    }
}
