package cn.jiesu.gateway.place;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.channels.classify.ReloadableClassifier;
import cn.jiesu.core.classify.TextNormalizer;
import cn.jiesu.core.console.CallAppeals;
import cn.jiesu.core.intake.Channel;
import cn.jiesu.core.intake.Citizen;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.intake.IntakeIds;
import cn.jiesu.core.place.PlaceOnEnrich;
import cn.jiesu.core.place.PlacingAppealStore;
import cn.jiesu.core.problems.ProblemCounter;
import cn.jiesu.core.problems.ProblemKey;
import cn.jiesu.core.rates.RateCounts;
import cn.jiesu.core.rates.RateScope;
import cn.jiesu.gateway.GatewayConfig;
import cn.jiesu.gateway.config.ConfigLoader;
import cn.jiesu.gateway.support.EnrichOnly;
import cn.jiesu.gateway.support.TestServices;
import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.StreamKeys;
import cn.jiesu.redis.callback.CallbackKeys;
import cn.jiesu.redis.callback.RedisRateStore;
import cn.jiesu.redis.intake.RedisAppealStore;
import cn.jiesu.redis.problems.ProblemKeys;
import cn.jiesu.redis.problems.RedisProblemStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A phone appeal is appended with no address and no text, so it counts as unknown for 三率 and not at all for
 * recurring problems; the agent's form places it. Real Redis, the shipped gazetteer and classification rules.
 */
class PlaceOnEnrichIT {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final IntakeIds ids = new IntakeIds(Clock.systemUTC(), new SecureRandom());
    private final List<Throwable> failures = new ArrayList<>();
    private RedisClients redis;
    private RedisAppealStore store;
    private PlacingAppealStore placing;
    private RedisRateStore rates;
    private RedisProblemStore problems;
    private CallAppeals appeals;

    @BeforeEach
    void setUp() {
        Map<String, String> env = new HashMap<>(TestServices.gatewayEnv());
        String prefix = "it-poe-" + UUID.randomUUID().toString().substring(0, 8) + ":";
        env.put("JIESU_REDIS_KEY_PREFIX", prefix);
        GatewayConfig config = GatewayConfig.from(ConfigLoader.load(null, env));
        redis = RedisClients.connect(config.redis(), new SimpleMeterRegistry());
        store = new RedisAppealStore(
                redis, new StreamKeys(prefix), config.redis(), new SimpleMeterRegistry(), Clock.systemUTC());
        placing = new PlacingAppealStore(store, config.gazetteer().resolver().orElseThrow(), r -> {});
        rates = new RedisRateStore(redis, new CallbackKeys(prefix), ZONE);
        problems = new RedisProblemStore(redis, new ProblemKeys(prefix), ZONE, 37, 200, Clock.systemUTC());
        ProblemCounter counter = new ProblemCounter(problems, ZONE);
        appeals = new PlaceOnEnrich(
                new EnrichOnly(store),
                store,
                placing,
                ReloadableClassifier.load(config.channels().classificationFile(), TextNormalizer.standard()),
                rates,
                counter::handle,
                failures::add);
    }

    @AfterEach
    void tearDown() {
        redis.close();
    }

    @Test
    @DisplayName("the form's address places a call: marks written, 三率 moved to the street, problems counted once")
    void formPlacesTheCall() {
        Intake call = Intake.builder()
                .intakeId(ids.next())
                .channel(Channel.PHONE)
                .channelAccount("12345")
                .channelMessageId("call-" + UUID.randomUUID())
                .receivedAt(Instant.now())
                .citizen(new Citizen(null, null, null, "13800138000", null, false))
                .build();
        join(placing.append(call));
        Intake stored = join(store.byId(call.intakeId())).orElseThrow().intake();
        assertThat(stored.place()).isNull();
        // What the callbacks consumer does at intake: received and due, here under "unknown".
        join(rates.received(call.intakeId(), RateScope.of(stored), stored.receivedAt()));
        join(rates.due(
                call.intakeId(), RateScope.of(stored), stored.receivedAt().plus(Duration.ofHours(24))));
        assertThat(counts("unknown", null).received()).isEqualTo(1);
        assertThat(counts("unknown", null).due()).isEqualTo(1);

        // The agent's form: where and what, as the citizen said it on the phone.
        assertThat(join(appeals.enrich(
                        call.intakeId(),
                        Map.of("location", "1", "location.addressText", "朝阳区望京西园三区12号楼", "content", "从早上开始停水，一直没有水"))))
                .isTrue();
        assertThat(failures).isEmpty();

        Intake placed = join(store.byId(call.intakeId())).orElseThrow().intake();
        assertThat(placed.place().district()).isEqualTo("朝阳区");
        assertThat(placed.place().street()).isEqualTo("望京街道");
        assertThat(placed.triage().topics()).contains("water");
        RateCounts street = counts("朝阳区", "望京街道");
        assertThat(street.received()).isEqualTo(1);
        assertThat(street.due()).isEqualTo(1);
        assertThat(counts("unknown", null).due()).isZero();
        assertThat(counts("unknown", null).received()).isZero();
        assertThat(counts(null, null).received())
                .as("the city's count does not move")
                .isEqualTo(1);
        YearMonth month = YearMonth.now(ZONE);
        assertThat(join(problems.counts(month, month))).containsKey(new ProblemKey("water", "朝阳区", "望京街道"));

        // The same form saved again moves nothing twice.
        assertThat(join(appeals.enrich(
                        call.intakeId(), Map.of("location", "1", "location.addressText", "朝阳区望京西园三区12号楼"))))
                .isTrue();
        assertThat(counts("朝阳区", "望京街道").received()).isEqualTo(1);
        assertThat(counts("unknown", null).received()).isZero();
    }

    /** Today and the next two days: the call is received today and due within 24 hours. */
    private RateCounts counts(String district, String street) {
        LocalDate today = LocalDate.now(ZONE);
        return join(rates.counts(today, today.plusDays(2), district, street));
    }

    private static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }

    /** The console's appeals reduced to what this test needs: the store's enrich. */
}
