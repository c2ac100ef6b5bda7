package cn.jiesu.redis.intake;

import static cn.jiesu.testkit.Stages.await;
import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.core.appeal.AppealFilter;
import cn.jiesu.core.appeal.AppealQuery;
import cn.jiesu.core.appeal.AppealRecord;
import cn.jiesu.core.classify.TriageCorrection;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.intake.RequestType;
import cn.jiesu.core.intake.TriageMark;
import cn.jiesu.core.intake.Urgency;
import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.RedisConfig;
import cn.jiesu.redis.StreamKeys;
import cn.jiesu.redis.TestRedis;
import cn.jiesu.redis.channels.ChannelKeys;
import cn.jiesu.redis.channels.CitizenIndex;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TriageReviewsIT {
    private RedisClients clients;
    private RedisAppealStore store;
    private TriageReviews reviews;
    private RedisAppealSearch search;
    private SimpleMeterRegistry registry;

    @BeforeEach
    void setUp() {
        RedisConfig config = TestRedis.config("triage");
        registry = new SimpleMeterRegistry();
        clients = RedisClients.connect(config, registry);
        StreamKeys keys = new StreamKeys(config.keyPrefix());
        store = new RedisAppealStore(clients, keys, config, registry, Clock.systemUTC());
        reviews = new TriageReviews(clients, keys, config, store);
        search = new RedisAppealSearch(
                clients,
                keys,
                store,
                new CitizenIndex(clients, new ChannelKeys(config.keyPrefix()), keys, Duration.ofDays(400)));
    }

    @AfterEach
    void tearDown() {
        clients.close();
    }

    @Test
    @DisplayName("an appeal triage doubts is listed for review, counted, and leaves the list when an agent decides")
    void reviewListAndCorrection() {
        Intake doubted = Intakes.web("tri-1")
                .content("楼道里有股怪味，像臭鸡蛋")
                .urgency(Urgency.EMERGENCY)
                .requestType(RequestType.HELP)
                .triage(new TriageMark(0.31, true, "possible emergency"))
                .build();
        Intake sure = Intakes.web("tri-2")
                .content("建议增加公交班次")
                .urgency(Urgency.NORMAL)
                .requestType(RequestType.SUGGESTION)
                .triage(new TriageMark(0.93, false, null))
                .build();
        await(store.append(doubted));
        await(store.append(sure));

        assertThat(underReview(true)).containsExactly(doubted.intakeId());
        assertThat(underReview(false)).contains(sure.intakeId()).doesNotContain(doubted.intakeId());
        assertThat(await(reviews.openCount())).isEqualTo(1);
        assertThat(registry.get("intake.triage.review")
                        .tag("channel", "web")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("intake.appended.tier")
                        .tag("urgency", "emergency")
                        .counter()
                        .count())
                .isEqualTo(1);

        Instant at = Instant.parse("2026-12-06T08:00:00Z");
        Instant due = doubted.receivedAt().plusSeconds(24 * 3600);
        boolean done = await(reviews.confirm(
                new TriageCorrection(
                        doubted.intakeId(),
                        doubted.content(),
                        RequestType.HELP,
                        Urgency.EMERGENCY,
                        RequestType.COMPLAINT,
                        Urgency.IMMEDIATE,
                        "agent 8001",
                        at),
                due));

        assertThat(done).isTrue();
        AppealRecord after = await(store.byId(doubted.intakeId())).orElseThrow();
        assertThat(after.intake().urgency()).isEqualTo(Urgency.IMMEDIATE);
        assertThat(after.intake().requestType()).isEqualTo(RequestType.COMPLAINT);
        assertThat(after.intake().dueAt()).isEqualTo(due);
        assertThat(after.intake().triage().review()).isFalse();
        assertThat(underReview(true)).isEmpty();
        assertThat(after.intake().triage().confidence()).isEqualTo(1.0);
        assertThat(await(reviews.openCount())).isZero();

        List<TriageCorrection> rows = await(reviews.corrections(Instant.EPOCH, 100));
        assertThat(rows).singleElement().satisfies(c -> {
            assertThat(c.text()).isEqualTo("楼道里有股怪味，像臭鸡蛋");
            assertThat(c.urgencyBefore()).isEqualTo(Urgency.EMERGENCY);
            assertThat(c.urgency()).isEqualTo(Urgency.IMMEDIATE);
            assertThat(c.requestType()).isEqualTo(RequestType.COMPLAINT);
            assertThat(c.by()).isEqualTo("agent 8001");
            assertThat(c.changed()).isTrue();
        });
        assertThat(await(reviews.corrections(Instant.now().plusSeconds(60), 100)))
                .isEmpty();
    }

    private List<String> underReview(boolean review) {
        return await(search.find(new AppealQuery(List.of(new AppealFilter.UnderReview(review)), null, 50)))
                .items()
                .stream()
                .map(r -> r.intake().intakeId())
                .toList();
    }

    @Test
    @DisplayName("deciding on an appeal that does not exist writes nothing")
    void unknownAppeal() {
        boolean done = await(reviews.confirm(
                new TriageCorrection(
                        "01NOSUCHINTAKE0000000000000",
                        "x",
                        null,
                        null,
                        RequestType.HELP,
                        Urgency.NORMAL,
                        "agent",
                        Instant.now()),
                Instant.now()));
        assertThat(done).isFalse();
        assertThat(await(reviews.corrections(Instant.EPOCH, 10))).isEmpty();
    }
}
