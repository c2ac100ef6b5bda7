package cn.jiesu.redis.intake;

import static cn.jiesu.testkit.Stages.await;
import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.core.appeal.AppealStatus;
import cn.jiesu.core.appeal.AppendResult;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.intake.IntakeCodec;
import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.RedisConfig;
import cn.jiesu.redis.StreamKeys;
import cn.jiesu.redis.TestRedis;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.sync.RedisCommands;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AppendIT {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 28);

    private RedisConfig config;
    private RedisClients clients;
    private StreamKeys keys;
    private SimpleMeterRegistry registry;
    private RedisAppealStore store;
    private RedisCommands<String, String> redis;

    @BeforeEach
    void setUp() {
        config = TestRedis.config("append");
        registry = new SimpleMeterRegistry();
        clients = RedisClients.connect(config, registry);
        keys = new StreamKeys(config.keyPrefix());
        store = new RedisAppealStore(clients, keys, config, registry, Clock.systemUTC());
        redis = clients.shared().sync();
    }

    @AfterEach
    void tearDown() {
        clients.close();
    }

    @Test
    @DisplayName("50 threads appending one dedupe key at once write one entry, and all get its ids")
    void concurrentDuplicates() throws Exception {
        List<Intake> copies = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            copies.add(Intakes.web("msg-0001").build()); // same channel message, a fresh intakeId each time
        }
        CountDownLatch go = new CountDownLatch(1);
        List<AppendResult> results = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(50)) {
            List<Future<AppendResult>> futures = new ArrayList<>();
            for (Intake copy : copies) {
                futures.add(threads.submit(() -> {
                    go.await();
                    return await(store.append(copy));
                }));
            }
            go.countDown();
            for (Future<AppendResult> f : futures) {
                results.add(f.get(10, TimeUnit.SECONDS));
            }
        }

        assertThat(redis.xlen(keys.intakeStream())).isEqualTo(1);
        StreamMessage<String, String> entry =
                redis.xrange(keys.intakeStream(), Range.create("-", "+")).getFirst();
        String winner = entry.getBody().get(IntakeCodec.INTAKE_ID);
        assertThat(results).extracting(AppendResult::intakeId).containsOnly(winner);
        assertThat(results).extracting(AppendResult::appealNo).containsOnly(AppealNumbers.format(DAY, 1));
        assertThat(results).filteredOn(AppendResult::duplicate).hasSize(49);
        assertThat(copies)
                .filteredOn(c -> !c.intakeId().equals(winner))
                .allSatisfy(loser ->
                        assertThat(redis.exists(keys.appeal(loser.intakeId()))).isZero());
        assertThat(registry.get("intake.appended")
                        .tags("channel", "web", "result", "new")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("intake.appended")
                        .tags("channel", "web", "result", "duplicate")
                        .counter()
                        .count())
                .isEqualTo(49);
        assertThat(registry.get("intake.append.latency")
                        .tags("channel", "web")
                        .timer()
                        .count())
                .isEqualTo(50);
    }

    @Test
    @DisplayName("A repeat later in the window is still a duplicate: the dedupe key lives for the whole window")
    void laterRepeat() {
        AppendResult first = await(store.append(Intakes.web("msg-0002").build()));
        String dedupeKey = keys.dedupe(Intakes.web("msg-0002").build().dedupeKey());
        long ttl = redis.pttl(dedupeKey);
        assertThat(ttl)
                .isBetween(
                        config.dedupeWindow().minusSeconds(5).toMillis(),
                        config.dedupeWindow().toMillis());

        AppendResult repeat = await(store.append(Intakes.web("msg-0002").build()));
        assertThat(repeat).isEqualTo(new AppendResult(first.intakeId(), first.appealNo(), true));
        assertThat(redis.xlen(keys.intakeStream())).isEqualTo(1);
        assertThat(redis.pttl(dedupeKey)).isLessThanOrEqualTo(ttl); // a repeat does not extend the window
    }

    @Test
    @DisplayName("An append writes the stream entry, the appeal hash, the number index and the phone indexes")
    void whatIsWritten() {
        Intake intake =
                Intakes.web("msg-0003").callbackNumber("+86 139-1111-2222").build();
        AppendResult r = await(store.append(intake));

        Intake numbered = intake.toBuilder().appealNo(r.appealNo()).build();
        StreamMessage<String, String> entry =
                redis.xrange(keys.intakeStream(), Range.create("-", "+")).getFirst();
        assertThat(IntakeCodec.fromFields(entry.getBody())).isEqualTo(numbered);
        Map<String, String> hash = redis.hgetall(keys.appeal(intake.intakeId()));
        // The hash keeps the intake packed in one JSON value, beside the number, status and index score.
        assertThat(hash).containsOnlyKeys("appealNo", "status", "statusAt", "receivedAtMs", "intake");
        assertThat(PackedFields.unpack(hash.get("intake"))).isEqualTo(IntakeCodec.toFields(intake));
        assertThat(IntakeCodec.fromFields(AppealHash.codecFields(hash))).isEqualTo(numbered);
        assertThat(hash)
                .containsEntry("status", AppealStatus.RECEIVED.name())
                .containsKey("statusAt")
                .containsEntry("appealNo", r.appealNo());
        assertThat(redis.get(keys.appealNo(r.appealNo()))).isEqualTo(intake.intakeId());
        assertThat(redis.zscore(keys.phone("13800138000"), intake.intakeId()))
                .isEqualTo((double) intake.receivedAt().toEpochMilli());
        assertThat(redis.zscore(keys.phone("13911112222"), intake.intakeId())).isNotNull();
        long seqTtl = redis.ttl(keys.sequence(DAY));
        assertThat(seqTtl).isPositive().isLessThanOrEqualTo(Duration.ofDays(3).toSeconds());
        // Everything of the appeal expires with the retention (400 d by default): Redis memory stays bounded.
        long keep = config.appealRetention().toMillis();
        assertThat(redis.pttl(keys.appeal(intake.intakeId()))).isBetween(keep - 60_000, keep);
        assertThat(redis.pttl(keys.appealNo(r.appealNo()))).isBetween(keep - 60_000, keep);
        assertThat(redis.pttl(keys.phone("13800138000"))).isBetween(keep - 60_000, keep);
    }

    @Test
    @DisplayName("With a retention the appeal's keys expire after it (the phone index when the number is quiet); "
            + "with 0 nothing expires")
    void retention() {
        RedisAppealStore month = new RedisAppealStore(
                clients, keys, config.withAppealRetention(Duration.ofDays(30)), registry, Clock.systemUTC());
        Intake dated = Intakes.web("keep-1").build();
        AppendResult first = await(month.append(dated));
        long keep = Duration.ofDays(30).toMillis();
        assertThat(redis.pttl(keys.appeal(dated.intakeId()))).isBetween(keep - 60_000, keep);
        assertThat(redis.pttl(keys.appealNo(first.appealNo()))).isBetween(keep - 60_000, keep);
        assertThat(redis.pttl(keys.phone("13800138000"))).isBetween(keep - 60_000, keep);

        RedisAppealStore forever = new RedisAppealStore(
                clients, keys, config.withAppealRetention(Duration.ZERO), registry, Clock.systemUTC());
        Intake kept = Intakes.web("keep-2").callbackNumber("13911110000").build();
        AppendResult r = await(forever.append(kept));
        assertThat(redis.pttl(keys.appeal(kept.intakeId()))).isEqualTo(-1);
        assertThat(redis.pttl(keys.appealNo(r.appealNo()))).isEqualTo(-1);
        assertThat(redis.pttl(keys.phone("13911110000"))).isEqualTo(-1);
        assertThat(redis.zrange(keys.phone("13800138000"), 0, -1)).containsExactly(dated.intakeId(), kept.intakeId());
    }

    @Test
    @DisplayName("Numbers count up per Beijing day and grow a digit past 999,999 (script and Java agree)")
    void numbering() {
        assertThat(await(store.append(Intakes.web("n-1").build())).appealNo()).isEqualTo("261128000001");
        assertThat(await(store.append(Intakes.web("n-2").build())).appealNo()).isEqualTo("261128000002");
        redis.set(keys.sequence(DAY), "999999");
        assertThat(await(store.append(Intakes.web("n-3").build())).appealNo())
                .isEqualTo(AppealNumbers.format(DAY, 1_000_000))
                .isEqualTo("2611281000000");
        Intake nextDay = Intakes.web("n-4")
                .receivedAt(java.time.Instant.parse("2026-11-28T16:00:00Z"))
                .build();
        assertThat(await(store.append(nextDay)).appealNo()).isEqualTo("261129000001");
    }

    @Test
    @DisplayName("An appealNo set by the caller is ignored: the queue numbers appeals")
    void callerNumberIgnored() {
        AppendResult r =
                await(store.append(Intakes.web("n-5").appealNo("999999999999").build()));
        assertThat(r.appealNo()).isEqualTo("261128000001");
        assertThat(redis.exists(keys.appealNo("999999999999"))).isZero();
    }
}
