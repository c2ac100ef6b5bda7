package cn.jiesu.redis.problems;

import static cn.jiesu.testkit.Stages.await;
import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.core.intake.PlaceMark;
import cn.jiesu.core.problems.ProblemAppeal;
import cn.jiesu.core.problems.ProblemAppeals;
import cn.jiesu.core.problems.ProblemKey;
import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.RedisConfig;
import cn.jiesu.redis.TestRedis;
import cn.jiesu.testkit.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProblemStoreIT {
    private static final PlaceMark WANGJING = new PlaceMark("朝阳区", "望京街道", 0.9);
    private static final ProblemKey STREET = new ProblemKey("water", "朝阳区", "望京街道");
    private static final ProblemKey DISTRICT = new ProblemKey("water", "朝阳区", null);
    private static final ProblemKey CITY = new ProblemKey("water", null, null);

    private RedisClients clients;
    private RedisProblemStore store;
    private ProblemKeys keys;
    private MutableClock clock;

    @BeforeEach
    void setUp() {
        RedisConfig config = TestRedis.config("problems");
        clients = RedisClients.connect(config, new SimpleMeterRegistry());
        keys = new ProblemKeys(config.keyPrefix());
        clock = new MutableClock(MutableClock.beijing("2026-06-10T09:00:00"));
        store = new RedisProblemStore(clients, keys, MutableClock.BEIJING, 25, 3, clock);
    }

    @AfterEach
    void tearDown() {
        clients.close();
    }

    private static ProblemAppeal appeal(String id, String beijingTime, PlaceMark place) {
        Instant at = MutableClock.beijing(beijingTime);
        return new ProblemAppeal(
                id, at, YearMonth.from(at.atZone(MutableClock.BEIJING)), ProblemKey.of(List.of("water"), place));
    }

    @Test
    @DisplayName("an appeal counts once in its local month under city, district and street, however often it comes")
    void once() {
        assertThat(await(store.count(appeal("A1", "2026-03-01T00:30:00", WANGJING))))
                .isTrue();
        assertThat(await(store.count(appeal("A1", "2026-03-01T00:30:00", WANGJING))))
                .isFalse();
        await(store.count(appeal("A2", "2026-03-15T12:00:00", null)));
        // 00:30 on 1 March in Beijing is still February in UTC: the local month counts
        Map<ProblemKey, long[]> counts = await(store.counts(YearMonth.of(2026, 2), YearMonth.of(2026, 3)));
        assertThat(counts.get(STREET)).containsExactly(0, 1);
        assertThat(counts.get(DISTRICT)).containsExactly(0, 1);
        assertThat(counts.get(CITY)).containsExactly(0, 2);
        assertThat(counts).hasSize(3);
    }

    @Test
    @DisplayName("the month's count stays exact while only the newest ids are kept, listed newest first and paged")
    void capped() {
        for (int i = 1; i <= 5; i++) {
            await(store.count(appeal("B" + i, "2026-04-0" + i + "T09:00:00", WANGJING)));
        }
        ProblemAppeals all = await(store.appeals(STREET, YearMonth.of(2026, 4), 0, 10));
        assertThat(all.total()).isEqualTo(5);
        assertThat(all.kept()).isEqualTo(3);
        assertThat(all.ids()).extracting(ProblemAppeals.Entry::intakeId).containsExactly("B5", "B4", "B3");
        assertThat(all.ids().get(0).receivedAt()).isEqualTo(MutableClock.beijing("2026-04-05T09:00:00"));
        assertThat(await(store.appeals(STREET, YearMonth.of(2026, 4), 1, 1)).ids())
                .extracting(ProblemAppeals.Entry::intakeId)
                .containsExactly("B4");
        ProblemAppeals none = await(store.appeals(STREET, YearMonth.of(2026, 5), 0, 10));
        assertThat(none.total()).isZero();
        assertThat(none.ids()).isEmpty();
    }

    @Test
    @DisplayName("a month's counts expire the retention after it ends, its ids with their appeals")
    void expiry() {
        await(store.count(appeal("C1", "2026-06-10T09:00:00", WANGJING)));
        var sync = clients.shared().sync();
        long expected = MutableClock.beijing("2028-08-01T00:00:00").toEpochMilli();
        assertThat(sync.pexpiretime(keys.month(YearMonth.of(2026, 6)))).isEqualTo(expected);
        // the ids go with the appeals they name: 400 days after the write (the append), before the counts
        long withAppeals =
                clock.instant().plus(clients.config().appealRetention()).toEpochMilli();
        assertThat(sync.pexpiretime(keys.ids(YearMonth.of(2026, 6), STREET))).isEqualTo(withAppeals);
        assertThat(withAppeals).isLessThan(expected);
        long seenTtl = sync.pttl(keys.seen(java.time.LocalDate.of(2026, 6, 10)));
        long wanted = clients.config().streamRetention().plusDays(1).toMillis();
        assertThat(seenTtl).isBetween(wanted - 60_000, wanted);
    }
}
