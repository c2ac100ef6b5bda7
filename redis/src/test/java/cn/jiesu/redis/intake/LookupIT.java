package cn.jiesu.redis.intake;

import static cn.jiesu.testkit.Stages.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.jiesu.core.appeal.AppealRecord;
import cn.jiesu.core.appeal.AppealStatus;
import cn.jiesu.core.appeal.AppendResult;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.intake.IntakeCodec;
import cn.jiesu.core.intake.RequestType;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LookupIT {
    private static final Instant T0 = Instant.parse("2026-11-28T01:00:00Z");

    private RedisClients clients;
    private StreamKeys keys;
    private RedisAppealStore store;
    private RedisCommands<String, String> redis;

    @BeforeEach
    void setUp() {
        RedisConfig config = TestRedis.config("lookup");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
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
    @DisplayName("An appeal is found by its intake id and by the number read to the citizen")
    void byIdAndNumber() {
        Intake intake = Intakes.web("look-1").build();
        AppendResult r = await(store.append(intake));

        AppealRecord byId = await(store.byId(intake.intakeId())).orElseThrow();
        assertThat(byId.intake())
                .isEqualTo(intake.toBuilder().appealNo(r.appealNo()).build());
        assertThat(byId.status()).isEqualTo(AppealStatus.RECEIVED);
        assertThat(await(store.byAppealNo(r.appealNo()))).contains(byId);
        assertThat(await(store.byId("01NOSUCHINTAKE0000000000000"))).isEmpty();
        assertThat(await(store.byAppealNo("261128999998"))).isEmpty();
    }

    @Test
    @DisplayName("An appeal hash written before the packed form (every codec field a hash field) still reads")
    void legacyHash() {
        Intake intake = Intakes.web("look-legacy").appealNo("261127000042").build();
        Map<String, String> legacy = new java.util.HashMap<>(IntakeCodec.toFields(intake));
        legacy.put("status", AppealStatus.IN_PROGRESS.name());
        legacy.put("statusAt", T0.toString());
        legacy.put("receivedAtMs", Long.toString(intake.receivedAt().toEpochMilli()));
        redis.hset(keys.appeal(intake.intakeId()), legacy);

        AppealRecord read = await(store.byId(intake.intakeId())).orElseThrow();
        assertThat(read.intake()).isEqualTo(intake);
        assertThat(read.status()).isEqualTo(AppealStatus.IN_PROGRESS);
        assertThat(read.statusAt()).isEqualTo(T0);
    }

    @Test
    @DisplayName("By phone: two formats of one number find the same appeals, newest first, up to the limit")
    void byPhone() {
        Intake first = Intakes.phone("call-1", "13800138000", T0).build();
        Intake second = Intakes.phone("call-2", "+86 138-0013-8000", T0.plusSeconds(600))
                .build();
        Intake third = Intakes.web("look-2").receivedAt(T0.plusSeconds(1200)).build(); // citizen.phone 13800138000
        Intake other =
                Intakes.phone("call-3", "13911112222", T0.plusSeconds(60)).build();
        for (Intake i : List.of(second, first, third, other)) {
            await(store.append(i));
        }

        List<AppealRecord> all = await(store.byPhone("0086 13800138000", 10));
        assertThat(all)
                .extracting(a -> a.intake().intakeId())
                .containsExactly(third.intakeId(), second.intakeId(), first.intakeId());
        assertThat(await(store.byPhone("138 0013 8000", 2)))
                .extracting(a -> a.intake().intakeId())
                .containsExactly(third.intakeId(), second.intakeId());
        assertThat(await(store.byPhone("13700000000", 10))).isEmpty();
        assertThat(await(store.byPhone("no digits", 10))).isEmpty();
        assertThat(await(store.byPhone("13800138000", 0))).isEmpty();
    }

    @Test
    @DisplayName("By phone skips index entries whose appeal is gone")
    void byPhoneSkipsMissing() {
        Intake kept = Intakes.phone("call-4", "13800138000", T0).build();
        await(store.append(kept));
        redis.zadd(keys.phone("13800138000"), T0.plusSeconds(5).toEpochMilli(), "01GONE0000000000000000000A");
        assertThat(await(store.byPhone("13800138000", 10)))
                .extracting(a -> a.intake().intakeId())
                .containsExactly(kept.intakeId());
    }

    @Test
    @DisplayName("A status update moves the appeal and says false for an unknown one")
    void updateStatus() {
        Intake intake = Intakes.web("look-3").build();
        await(store.append(intake));
        Instant at = Instant.parse("2026-11-28T03:00:00Z");
        assertThat(await(store.updateStatus(intake.intakeId(), AppealStatus.IN_PROGRESS, at)))
                .isTrue();
        AppealRecord r = await(store.byId(intake.intakeId())).orElseThrow();
        assertThat(r.status()).isEqualTo(AppealStatus.IN_PROGRESS);
        assertThat(r.statusAt()).isEqualTo(at);
        assertThat(await(store.updateStatus("01NOSUCHINTAKE0000000000000", AppealStatus.CLOSED, at)))
                .isFalse();
        assertThat(redis.exists(keys.appeal("01NOSUCHINTAKE0000000000000"))).isZero();
    }

    @Test
    @DisplayName("Linking two appeals lists each in the other's related ids; unlinking removes both directions")
    void linkAndUnlink() {
        Intake call = Intakes.phone("call-5", "13800138000", T0).build();
        Intake web = Intakes.web("look-4").build();
        await(store.append(call));
        await(store.append(web));

        assertThat(await(store.link(call.intakeId(), web.intakeId()))).isTrue();
        assertThat(await(store.link(call.intakeId(), web.intakeId()))).isTrue(); // idempotent
        assertThat(await(store.byId(call.intakeId())).orElseThrow().intake().relatedIntakeIds())
                .containsExactly(web.intakeId());
        assertThat(await(store.byId(web.intakeId())).orElseThrow().intake().relatedIntakeIds())
                .containsExactly(call.intakeId());
        // The links live as long as the appeals (the retention, 400 d by default).
        assertThat(redis.pttl(keys.related(call.intakeId())))
                .isPositive()
                .isLessThanOrEqualTo(Duration.ofDays(400).toMillis());

        assertThat(await(store.unlink(web.intakeId(), call.intakeId()))).isTrue();
        assertThat(await(store.unlink(web.intakeId(), call.intakeId()))).isFalse();
        assertThat(await(store.byId(call.intakeId())).orElseThrow().intake().relatedIntakeIds())
                .isEmpty();
        // A person's unlink sticks: the merge's suggestion (a redelivery, a re-run after enrichment) is refused...
        assertThat(await(store.linkSuggested(call.intakeId(), web.intakeId()))).isFalse();
        assertThat(await(store.linkSuggested(web.intakeId(), call.intakeId()))).isFalse();
        assertThat(await(store.byId(web.intakeId())).orElseThrow().intake().relatedIntakeIds())
                .isEmpty();
        assertThat(redis.pttl(keys.unlinked(call.intakeId()))).isPositive();
        // ...until a person links them again
        assertThat(await(store.link(web.intakeId(), call.intakeId()))).isTrue();
        assertThat(await(store.linkSuggested(call.intakeId(), web.intakeId()))).isTrue();
        assertThat(redis.exists(keys.unlinked(call.intakeId()), keys.unlinked(web.intakeId())))
                .isZero();
        assertThat(await(store.unlink(web.intakeId(), call.intakeId()))).isTrue();
        assertThat(await(store.link(call.intakeId(), "01NOSUCHINTAKE0000000000000")))
                .isFalse();
        assertThat(redis.exists(keys.related(call.intakeId()))).isZero();
        assertThatThrownBy(() -> store.link(call.intakeId(), call.intakeId()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("Enriching fills in a phone appeal's content under the same id and records an event")
    void enrich() {
        Intake call = Intakes.phone("call-6", "13800138000", T0).build();
        AppendResult r = await(store.append(call));

        assertThat(await(store.enrich(
                        call.intakeId(), Map.of("content", "来电反映路灯不亮", "requestType", RequestType.COMPLAINT.name()))))
                .isTrue();
        Intake after = await(store.byId(call.intakeId())).orElseThrow().intake();
        assertThat(after.content()).isEqualTo("来电反映路灯不亮");
        assertThat(after.requestType()).isEqualTo(RequestType.COMPLAINT);
        assertThat(after.appealNo()).isEqualTo(r.appealNo());
        assertThat(after.intakeId()).isEqualTo(call.intakeId());

        List<StreamMessage<String, String>> events = redis.xrange(keys.appealEvents(), Range.create("-", "+"));
        assertThat(events).hasSize(1);
        assertThat(events.getFirst().getBody())
                .containsEntry("type", "enriched")
                .containsEntry("intakeId", call.intakeId())
                .containsEntry("fields", "content,requestType");
        assertThat(await(store.enrich(call.intakeId(), Map.of("citizen.phone", "139-2222-3333"))))
                .isTrue();
        assertThat(redis.pttl(keys.phone("13922223333"))).isPositive(); // a number added later expires too
        assertThat(await(store.byPhone("13922223333", 5)))
                .extracting(a -> a.intake().intakeId())
                .containsExactly(call.intakeId());
        assertThat(await(store.byPhone("13800138000", 5))).hasSize(1); // the caller number still finds it
        assertThat(redis.xlen(keys.appealEvents())).isEqualTo(2);
        assertThat(await(store.enrich("01NOSUCHINTAKE0000000000000", Map.of("content", "x"))))
                .isFalse();
        assertThat(redis.xlen(keys.appealEvents())).isEqualTo(2);
    }
}
