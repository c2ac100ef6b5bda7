package cn.jiesu.redis.callback;

import static cn.jiesu.testkit.MutableClock.beijing;
import static cn.jiesu.testkit.Stages.await;
import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.core.appeal.Satisfaction;
import cn.jiesu.core.callback.Resolution;
import cn.jiesu.core.rates.AppealResult;
import cn.jiesu.core.rates.RateCounts;
import cn.jiesu.core.rates.RatePeriod;
import cn.jiesu.core.rates.RateScope;
import cn.jiesu.core.rates.RateStore;
import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.RedisConfig;
import cn.jiesu.redis.TestRedis;
import cn.jiesu.testkit.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RateStoreIT {
    private static final RateScope CHAOYANG = new RateScope("朝阳区", "望京街道");
    private static final RateScope HAIDIAN = new RateScope("海淀区", "中关村街道");

    private RedisClients clients;
    private RateStore rates;

    @BeforeEach
    void setUp() {
        RedisConfig config = TestRedis.config("rates");
        clients = RedisClients.connect(config, new SimpleMeterRegistry());
        rates = new RedisRateStore(clients, new CallbackKeys(config.keyPrefix()), MutableClock.BEIJING);
    }

    @AfterEach
    void tearDown() {
        clients.close();
    }

    @Test
    @DisplayName("响应率 counts appeals due on a day and those first answered by their deadline, once each")
    void responseRate() {
        await(rates.due("A1", CHAOYANG, beijing("2026-03-10T12:00:00")));
        await(rates.due("A1", CHAOYANG, beijing("2026-03-10T12:00:00")));
        await(rates.due("A2", CHAOYANG, beijing("2026-03-10T13:00:00")));
        await(rates.due("A3", HAIDIAN, beijing("2026-03-10T23:30:00")));
        assertThat(await(rates.responded("A1", CHAOYANG, beijing("2026-03-10T11:00:00"))))
                .isTrue();
        assertThat(await(rates.responded("A1", CHAOYANG, beijing("2026-03-10T11:30:00"))))
                .isFalse();
        await(rates.responded("A2", CHAOYANG, beijing("2026-03-10T13:00:01")));
        await(rates.responded("A3", HAIDIAN, beijing("2026-03-10T23:00:00")));
        LocalDate day = LocalDate.parse("2026-03-10");
        RateCounts all = await(rates.counts(RatePeriod.DAY, day, null, null));
        assertThat(all.due()).isEqualTo(3);
        assertThat(all.respondedInTime()).isEqualTo(2);
        RateCounts chaoyang = await(rates.counts(RatePeriod.DAY, day, "朝阳区", null));
        assertThat(chaoyang.responseRate()).isEqualTo(0.5);
        assertThat(await(rates.counts(RatePeriod.DAY, day, "朝阳区", "望京街道")).due())
                .isEqualTo(2);
        assertThat(await(rates.counts(RatePeriod.WEEK, day, "海淀区", null)).responseRate())
                .isEqualTo(1.0);
        assertThat(await(rates.districts())).containsExactlyInAnyOrder("朝阳区", "海淀区");
    }

    @Test
    @DisplayName("received counts each appeal once on its day; streets lists the street scopes; a range cuts a period")
    void receivedStreetsAndRanges() {
        RateScope districtOnly = new RateScope("海淀区", null);
        RateScope nowhere = new RateScope(null, null);
        assertThat(await(rates.received("R1", CHAOYANG, beijing("2026-03-02T09:00:00"))))
                .isTrue();
        assertThat(await(rates.received("R1", CHAOYANG, beijing("2026-03-02T09:00:00"))))
                .isFalse();
        await(rates.received("R2", CHAOYANG, beijing("2026-03-20T09:00:00")));
        await(rates.received("R3", districtOnly, beijing("2026-03-02T10:00:00")));
        await(rates.received("R4", nowhere, beijing("2026-03-02T11:00:00")));
        // R1 due late in the month: a month cut at the 10th has it received but not yet due.
        await(rates.due("R1", CHAOYANG, beijing("2026-03-25T09:00:00")));
        LocalDate march = LocalDate.parse("2026-03-01");
        assertThat(await(rates.counts(RatePeriod.MONTH, march, "朝阳区", "望京街道")).received())
                .isEqualTo(2);
        RateCounts soFar = await(rates.counts(march, LocalDate.parse("2026-03-10"), "朝阳区", "望京街道"));
        assertThat(soFar.received()).isEqualTo(1);
        assertThat(soFar.due()).isZero();
        assertThat(await(rates.counts(RatePeriod.MONTH, march, null, null)).received())
                .isEqualTo(4);
        assertThat(await(rates.counts(RatePeriod.MONTH, march, RateScope.UNKNOWN, null))
                        .received())
                .isEqualTo(1);
        assertThat(await(rates.streets()))
                .containsExactlyInAnyOrder(
                        CHAOYANG,
                        new RateScope("海淀区", RateScope.UNKNOWN),
                        new RateScope(RateScope.UNKNOWN, RateScope.UNKNOWN));
    }

    @Test
    @DisplayName("解决率 and 满意率: one count per appeal, a re-report flips resolved, the latest rating counts")
    void resolutionAndSatisfaction() {
        await(rates.resolved(new Resolution("B1", "朝阳区城管委", "已清理", true, beijing("2026-03-11T10:00:00")), CHAOYANG));
        await(rates.resolved(new Resolution("B2", "朝阳区城管委", "无法解决", false, beijing("2026-03-11T11:00:00")), CHAOYANG));
        await(rates.resolved(new Resolution("B2", "朝阳区城管委", "已解决", true, beijing("2026-03-12T09:00:00")), CHAOYANG));
        await(rates.rated("B1", CHAOYANG, Satisfaction.DISSATISFIED, beijing("2026-03-12T10:00:00")));
        await(rates.rated("B1", CHAOYANG, Satisfaction.SATISFIED, beijing("2026-03-12T10:05:00")));
        await(rates.rated("B2", CHAOYANG, Satisfaction.NO_RESPONSE, beijing("2026-03-12T11:00:00")));
        RateCounts week = await(rates.counts(RatePeriod.WEEK, LocalDate.parse("2026-03-12"), null, null));
        assertThat(week.handled()).isEqualTo(2);
        assertThat(week.resolved()).isEqualTo(2);
        assertThat(week.surveyed()).isEqualTo(1);
        assertThat(week.satisfied()).isEqualTo(1);
        assertThat(week.dissatisfied()).isZero();
        assertThat(week.noResponse()).isEqualTo(1);
        assertThat(week.satisfactionRate()).isEqualTo(1.0);
        RateCounts day11 = await(rates.counts(RatePeriod.DAY, LocalDate.parse("2026-03-11"), null, null));
        assertThat(day11.handled()).isEqualTo(2);
        AppealResult b1 = await(rates.result("B1")).orElseThrow();
        assertThat(b1.satisfaction()).isEqualTo(Satisfaction.SATISFIED);
        assertThat(b1.resolved()).isTrue();
        assertThat(b1.handledBy()).isEqualTo("朝阳区城管委");
        assertThat(b1.firstResponseAt()).isEqualTo(beijing("2026-03-11T10:00:00"));
        assertThat(await(rates.result("nothing"))).isEmpty();

        // An appeal's own records expire with the appeal retention; the day counters (the 三率 history) stay.
        var redis = clients.shared().sync();
        CallbackKeys keys = new CallbackKeys(clients.config().keyPrefix());
        long keep = clients.config().appealRetentionMillis();
        assertThat(redis.pttl(keys.meta("B1"))).isBetween(keep - 60_000, keep);
        assertThat(redis.pttl(keys.rateAppeal("B1"))).isBetween(keep - 60_000, keep);
        assertThat(redis.pttl(keys.rates(LocalDate.parse("2026-03-11"), "all"))).isEqualTo(-1);
    }
}
