package cn.jiesu.redis.hotspot;

import static cn.jiesu.testkit.Stages.await;
import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.core.hotspot.HotspotAppeal;
import cn.jiesu.core.hotspot.HotspotDetector;
import cn.jiesu.core.hotspot.HotspotEvent;
import cn.jiesu.core.hotspot.HotspotEvent.HotspotClosed;
import cn.jiesu.core.hotspot.HotspotEvent.HotspotGrew;
import cn.jiesu.core.hotspot.HotspotEvent.HotspotOpened;
import cn.jiesu.core.hotspot.HotspotKey;
import cn.jiesu.core.hotspot.HotspotPolicy;
import cn.jiesu.core.hotspot.HotspotView;
import cn.jiesu.core.hotspot.Resolution;
import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.RedisConfig;
import cn.jiesu.redis.TestRedis;
import cn.jiesu.testkit.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The detector on real Redis, with a clock the test moves: open, grow, close, restart and two instances. */
class HotspotStoreIT {
    private static final Instant START = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS);
    private static final HotspotKey STREET = new HotspotKey("water", HotspotKey.Level.STREET, "朝阳区/望京街道");

    private final MutableClock clock = new MutableClock(START);
    private RedisClients clients;
    private HotspotKeys keys;
    private int seq;

    @BeforeEach
    void setUp() {
        RedisConfig config = TestRedis.config("hotspots");
        clients = RedisClients.connect(config, new SimpleMeterRegistry());
        keys = new HotspotKeys(config.keyPrefix());
        History.seed(store(), START, Duration.ofHours(30));
    }

    @AfterEach
    void tearDown() {
        clients.close();
    }

    private RedisHotspotStore store() {
        return new RedisHotspotStore(clients, keys, clock);
    }

    private HotspotDetector detector() {
        return new HotspotDetector(store(), HotspotPolicy.defaults(), clock);
    }

    private HotspotAppeal water(String street) {
        return new HotspotAppeal("I" + (++seq), clock.instant(), Set.of("water"), "朝阳区", street);
    }

    private List<HotspotEvent> burst(List<HotspotDetector> detectors, int n) {
        List<HotspotEvent> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            clock.advance(Duration.ofMinutes(1));
            events.addAll(streetOnly(detectors.get(i % detectors.size()).observe(water("望京街道"))));
        }
        return events;
    }

    /** The street's events: five appeals also open the district, which has no history either. */
    private static List<HotspotEvent> streetOnly(List<HotspotEvent> events) {
        return events.stream()
                .filter(e -> e.hotspot().opened().key().level() == HotspotKey.Level.STREET)
                .toList();
    }

    @Test
    @DisplayName("a street burst opens one hotspot at its 3rd appeal listing them; later appeals join it")
    void opensAndGrows() {
        HotspotDetector d = detector();
        List<HotspotEvent> events = burst(List.of(d), 4);
        assertThat(events)
                .filteredOn(e -> e instanceof HotspotOpened)
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.hotspot().opened().key()).isEqualTo(STREET);
                    assertThat(e.hotspot().appealIds()).containsExactly("I1", "I2", "I3");
                });
        assertThat(events.getLast()).isInstanceOf(HotspotGrew.class);
        assertThat(d.hotspot(STREET).orElseThrow().appealIds()).containsExactly("I1", "I2", "I3", "I4");
        // A restarted instance (a new store and detector on the same Redis) sees the open hotspot and adds to it.
        HotspotDetector restarted = detector();
        clock.advance(Duration.ofMinutes(1));
        assertThat(streetOnly(restarted.observe(water("望京街道")))).singleElement().isInstanceOf(HotspotGrew.class);
        List<HotspotView> board = await(new RedisHotspotBoard(clients, keys, clock).current(Duration.ofHours(24)));
        assertThat(board).filteredOn(v -> v.street() != null).singleElement().satisfies(v -> {
            assertThat(v.open()).isTrue();
            assertThat(v.street()).isEqualTo("望京街道");
            assertThat(v.district()).isEqualTo("朝阳区");
            assertThat(v.appealIds()).containsExactly("I1", "I2", "I3", "I4", "I5");
        });
    }

    @Test
    @DisplayName("the first join on a server that has not cached the join script still lists the appeal that grew it")
    void firstJoinOnAFreshServer() {
        HotspotDetector d = detector();
        burst(List.of(d), 3);
        // As on a fresh or restarted Redis: EVALSHA answers NOSCRIPT and the script is sent again as EVAL.
        clients.shared().sync().scriptFlush();
        clock.advance(Duration.ofMinutes(1));
        assertThat(streetOnly(d.observe(water("望京街道"))))
                .singleElement()
                .isInstanceOfSatisfying(
                        HotspotGrew.class,
                        g -> assertThat(g.hotspot().appealIds())
                                .as("the grew event carries the state after the join")
                                .containsExactly("I1", "I2", "I3", "I4"));
    }

    @Test
    @DisplayName("two instances on one Redis open one hotspot between them, with every appeal")
    void twoInstancesAgree() {
        List<HotspotEvent> events = burst(List.of(detector(), detector()), 6);
        assertThat(events).filteredOn(e -> e instanceof HotspotOpened).hasSize(1);
        assertThat(store().openHotspots())
                .filteredOn(h -> h.key().equals(STREET))
                .hasSize(1);
        assertThat(store().members(STREET)).hasSize(6);
    }

    @Test
    @DisplayName("a hotspot closes once after its hold time of quiet; the board keeps it, its appeals do not reopen")
    void closes() {
        HotspotDetector a = detector();
        HotspotDetector b = detector();
        burst(List.of(a), 4);
        clock.advance(Duration.ofMinutes(30));
        assertThat(a.tick()).isEmpty();
        clock.advance(Duration.ofHours(2));
        List<HotspotEvent> closed = new ArrayList<>(a.tick());
        closed.addAll(b.tick());
        assertThat(closed).singleElement().isInstanceOf(HotspotClosed.class);
        assertThat(closed.getFirst().hotspot().appealIds())
                .as("the closed event lists its appeals")
                .hasSize(4);
        assertThat(a.hotspot(STREET)).isEmpty();
        List<HotspotView> board = await(new RedisHotspotBoard(clients, keys, clock).current(Duration.ofHours(24)));
        Instant closedAt = ((HotspotClosed) closed.getFirst()).closedAt();
        assertThat(board).singleElement().satisfies(v -> {
            assertThat(v.open()).isFalse();
            assertThat(v.closedAt())
                    .as("the board and the closed event say one instant")
                    .isEqualTo(closedAt);
            assertThat(v.closedAt()).isEqualTo(clock.instant());
            assertThat(v.count()).isEqualTo(4);
        });
        clock.advance(Duration.ofMinutes(1));
        assertThat(await(new RedisHotspotBoard(clients, keys, clock).current(Duration.ofSeconds(30))))
                .isEmpty();
        assertThat(streetOnly(a.observe(water("望京街道")))).isEmpty();
    }

    @Test
    @DisplayName("counts span pages and every count key expires after its resolution's retention")
    void countsAndExpiry() {
        RedisHotspotStore s = store();
        long page = Resolution.BUCKET.slot(START) / 288;
        long slot = 288L * page - 2; // two slots before a page ends
        for (int i = 0; i < 4; i++) {
            s.add(STREET, Resolution.BUCKET, slot + i, i + 1);
        }
        s.flush();
        assertThat(s.counts(STREET, Resolution.BUCKET, slot - 1, 6)).containsExactly(0, 1, 2, 3, 4, 0);
        long ttl = await(clients.shared().async().pttl(keys.counts(STREET, Resolution.BUCKET, page)));
        assertThat(ttl).isPositive();
    }
}
