package cn.jiesu.redis.hotspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.jiesu.core.hotspot.HotspotAppeal;
import cn.jiesu.core.hotspot.HotspotDetector;
import cn.jiesu.core.hotspot.HotspotEvent;
import cn.jiesu.core.hotspot.HotspotKey;
import cn.jiesu.core.hotspot.HotspotPolicy;
import cn.jiesu.core.hotspot.InMemoryHotspotStore;
import cn.jiesu.core.hotspot.Resolution;
import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.RedisConfig;
import cn.jiesu.redis.TestRedis;
import cn.jiesu.testkit.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The detecting instance's store on real Redis: the same answers as the in-memory detector, a new term (failover,
 * restart) rebuilding the same windows from the observation log, the hourly counts reaching the pages exactly once
 * across terms, and an instance that lost the lease writing nothing.
 */
class LeaderHotspotStoreIT {
    private static final Instant START = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS);
    private static final HotspotKey STREET = new HotspotKey("water", HotspotKey.Level.STREET, "朝阳区/望京街道");
    private static final String[] STREETS = {"望京街道", "酒仙桥街道", "麦子店街道"};

    private final MutableClock clock = new MutableClock(START);
    private RedisClients clients;
    private HotspotKeys keys;
    private HotspotLease lease;
    private int seq;

    @BeforeEach
    void setUp() {
        RedisConfig config = TestRedis.config("leader");
        clients = RedisClients.connect(config, new SimpleMeterRegistry());
        keys = new HotspotKeys(config.keyPrefix());
        lease = new HotspotLease(clients, keys, "it", Duration.ofMinutes(5));
        assertThat(lease.tryAcquire()).isTrue();
        // The baseline's past weeks, as an import leaves them in the count pages.
        History.seed(
                new WriteBehindHotspotStore(clients, keys, clock, Duration.ofSeconds(1)), START, Duration.ofHours(3));
    }

    @AfterEach
    void tearDown() {
        clients.close();
    }

    /** A term: a store rebuilt from the log, and its detector. */
    private record Term(LeaderHotspotStore store, HotspotDetector detector) {}

    private Term term(Duration applyEvery) {
        LeaderHotspotStore store = new LeaderHotspotStore(clients, keys, clock, lease, applyEvery);
        HotspotDetector detector = new HotspotDetector(store, HotspotPolicy.defaults(), clock);
        store.rebuild(detector::recount);
        return new Term(store, detector);
    }

    private HotspotAppeal water(String street) {
        return new HotspotAppeal("W" + (++seq), clock.instant(), Set.of("water"), "朝阳区", street);
    }

    private long paged(HotspotKey key, Resolution r, long slot) {
        String v = clients.shared()
                .sync()
                .hget(keys.counts(key, r, Math.floorDiv(slot, HotspotKeys.pageSlots(r))), Long.toString(slot));
        return v == null ? 0 : Long.parseLong(v);
    }

    private static List<String> describe(List<HotspotEvent> events) {
        return events.stream()
                .map(e -> e.getClass().getSimpleName() + " "
                        + e.hotspot().opened().id() + " " + e.hotspot().appealIds())
                .toList();
    }

    @Test
    @DisplayName("the same events as in memory; a new term rebuilds the same windows and remembered appeals")
    void sameAsInMemoryAndRebuilt() {
        Term t = term(Duration.ofMinutes(1));
        InMemoryHotspotStore memory = new InMemoryHotspotStore();
        History.seed(memory, START, Duration.ofHours(3));
        HotspotDetector reference = new HotspotDetector(memory, HotspotPolicy.defaults(), clock);
        Random random = new Random(7);
        for (int i = 0; i < 60; i++) {
            clock.advance(Duration.ofSeconds(20 + random.nextInt(60)));
            HotspotAppeal appeal = water(i % 3 == 0 || i > 40 ? STREETS[0] : STREETS[random.nextInt(3)]);
            t.store().observing(appeal, true);
            assertThat(describe(t.detector().observe(appeal)))
                    .as("appeal %d", i)
                    .isEqualTo(describe(reference.observe(appeal)));
            if (i % 7 == 0) {
                t.store().flush();
            }
            if (i % 10 == 0) {
                assertThat(describe(t.detector().tick())).isEqualTo(describe(reference.tick()));
            }
        }
        t.store().flush();
        assertThat(t.store().openHotspots()).isNotEmpty().hasSameSizeAs(memory.openHotspots());

        Term next = term(Duration.ofMinutes(1));
        long bucket = Resolution.BUCKET.slot(clock.instant());
        long hour = Resolution.HOUR.slot(clock.instant());
        assertThat(next.store().counts(STREET, Resolution.BUCKET, bucket - 287, 288))
                .containsExactly(memory.counts(STREET, Resolution.BUCKET, bucket - 287, 288));
        assertThat(next.store().counts(STREET, Resolution.HOUR, hour - 3, 4))
                .containsExactly(memory.counts(STREET, Resolution.HOUR, hour - 3, 4));
        Instant since = clock.instant().minus(Duration.ofHours(24));
        assertThat(next.store().recent(STREET, since)).containsExactlyElementsOf(memory.recent(STREET, since));
        // And it goes on detecting as the first term would have.
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(30));
            HotspotAppeal appeal = water(STREETS[0]);
            next.store().observing(appeal, true);
            assertThat(describe(next.detector().observe(appeal))).isEqualTo(describe(reference.observe(appeal)));
        }
    }

    @Test
    @DisplayName("hourly counts reach the pages once: a term that ended before applying is applied by the next")
    void appliedExactlyOnceAcrossTerms() {
        long hour = Resolution.HOUR.slot(clock.instant());
        Term first = term(Duration.ofDays(1)); // never due: its counts stay logged, not applied
        for (int i = 0; i < 20; i++) {
            clock.advance(Duration.ofSeconds(10));
            HotspotAppeal a = water(STREETS[1]);
            first.store().observing(a, true);
            first.detector().observe(a);
        }
        first.store().flush();
        HotspotKey street = new HotspotKey("water", HotspotKey.Level.STREET, "朝阳区/" + STREETS[1]);
        assertThat(paged(street, Resolution.HOUR, hour)).isZero();

        Term second = term(Duration.ofDays(1)); // the first "crashed": the log has what it never applied
        assertThat(second.store().counts(street, Resolution.HOUR, hour, 1)).containsExactly(20);
        second.store().applyNow();
        assertThat(paged(street, Resolution.HOUR, hour)).isEqualTo(20);
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(10));
            HotspotAppeal a = water(STREETS[1]);
            second.store().observing(a, true);
            second.detector().observe(a);
        }
        second.store().flush();
        second.store().applyNow();
        assertThat(paged(street, Resolution.HOUR, hour)).isEqualTo(25);

        Term third = term(Duration.ofDays(1));
        third.store().applyNow();
        assertThat(paged(street, Resolution.HOUR, hour))
                .as("nothing applied twice")
                .isEqualTo(25);
        assertThat(third.store().counts(street, Resolution.HOUR, hour, 1)).containsExactly(25);
    }

    @Test
    @DisplayName("an upgrade: the shared-counter detector's last hours and appeals seed the first term's windows")
    void seededFromThePagesOfTheSharedDetector() {
        // What the detector left in Redis when it kept its windows there: 5-minute and hourly counts, appeals.
        RedisHotspotStore shared = new RedisHotspotStore(clients, keys, clock);
        long bucket = Resolution.BUCKET.slot(clock.instant());
        long hour = Resolution.HOUR.slot(clock.instant());
        shared.add(STREET, Resolution.BUCKET, bucket - 2, 4);
        shared.add(STREET, Resolution.HOUR, hour - 1, 4);
        shared.remember(STREET, "BEFORE-1", clock.instant().minus(Duration.ofMinutes(10)));
        shared.flush();
        clients.shared().sync().zadd(keys.seen(), clock.millis() - 600_000, "BEFORE-1"); // it marked what it counted

        Term first = term(Duration.ofDays(1));
        assertThat(first.store().seededKeys()).isPositive();
        assertThat(first.store().counts(STREET, Resolution.BUCKET, bucket - 2, 1))
                .containsExactly(4);
        assertThat(first.store().counts(STREET, Resolution.HOUR, hour - 1, 1)).containsExactly(4);
        assertThat(first.store().recent(STREET, clock.instant().minus(Duration.ofHours(1))))
                .extracting(m -> m.appealId())
                .containsExactly("BEFORE-1");
        clock.advance(Duration.ofSeconds(5));
        HotspotAppeal a = water(STREETS[0]);
        first.store().observing(a, true);
        first.detector().observe(a);
        first.store().flush();
        first.store().applyNow();
        assertThat(paged(STREET, Resolution.HOUR, hour)).isEqualTo(1);

        // A later term reads no pages (a term applied since): the appeal's hour from the log, once, not twice.
        Term second = term(Duration.ofDays(1));
        assertThat(second.store().seededKeys()).isZero();
        assertThat(second.store().counts(STREET, Resolution.HOUR, hour, 1)).containsExactly(1);
        assertThat(paged(STREET, Resolution.HOUR, hour)).isEqualTo(1);
    }

    @Test
    @DisplayName("a fresh deployment's first term reads no pages: nothing was marked observed before it")
    void freshDeploymentSeedsNothing() {
        assertThat(term(Duration.ofMinutes(1)).store().seededKeys()).isZero();
    }

    @Test
    @DisplayName("history older than the windows: read back from the pages with what is not applied yet")
    void oldSlotsFromPagesAndPending() {
        Term t = term(Duration.ofDays(1));
        Instant old = clock.instant().minus(Duration.ofDays(3));
        HotspotAppeal a = new HotspotAppeal("OLD-1", old, Set.of("water"), "朝阳区", STREETS[2]);
        t.store().observing(a, false);
        t.detector().count(a);
        t.store().flush();
        HotspotKey street = new HotspotKey("water", HotspotKey.Level.STREET, "朝阳区/" + STREETS[2]);
        long hour = Resolution.HOUR.slot(old);
        assertThat(t.store().counts(street, Resolution.HOUR, hour, 1)).containsExactly(1);
        assertThat(paged(street, Resolution.HOUR, hour)).isZero();
        t.store().applyNow();
        assertThat(paged(street, Resolution.HOUR, hour)).isEqualTo(1);
        assertThat(t.store().counts(street, Resolution.HOUR, hour, 1)).containsExactly(1);
    }

    @Test
    @DisplayName("an instance that lost the lease logs nothing: its flush fails and its store is broken")
    void fencedAfterTheLeaseIsLost() {
        Term t = term(Duration.ofMinutes(1));
        clients.shared().sync().del(keys.lease()); // expired while this instance was paused
        HotspotLease other = new HotspotLease(clients, keys, "other", Duration.ofMinutes(5));
        assertThat(other.tryAcquire()).isTrue();
        HotspotAppeal a = water(STREETS[0]);
        CompletableFuture<Boolean> done = t.store().observing(a, true).toCompletableFuture();
        t.detector().observe(a);
        assertThatThrownBy(() -> t.store().flush()).hasMessageContaining("NOTLEADER");
        assertThat(done).isCompletedExceptionally();
        assertThat(t.store().broken()).isTrue();
        assertThat(clients.shared().sync().xlen(keys.log())).isZero();
        assertThat(clients.shared().sync().zscore(keys.seen(), a.appealId())).isNull();
        assertThat(lease.renew()).as("the old term cannot renew either").isFalse();
    }

    @Test
    @DisplayName("an appeal another instance logged meanwhile breaks the store instead of counting twice")
    void loggedElsewhereBreaks() {
        Term t = term(Duration.ofMinutes(1));
        HotspotAppeal a = water(STREETS[0]);
        clients.shared().sync().zadd(keys.seen(), clock.millis(), a.appealId());
        t.store().observing(a, true);
        t.detector().observe(a);
        assertThatThrownBy(() -> t.store().flush()).hasMessageContaining("counted by another instance");
        assertThat(t.store().broken()).isTrue();
        assertThat(clients.shared().sync().xlen(keys.log())).isZero();
    }
}
