package cn.jiesu.redis.hotspot;

import static cn.jiesu.testkit.Stages.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.jiesu.core.hotspot.HotspotAppeal;
import cn.jiesu.core.hotspot.HotspotDetector;
import cn.jiesu.core.hotspot.HotspotEvent;
import cn.jiesu.core.hotspot.HotspotEvent.HotspotGrew;
import cn.jiesu.core.hotspot.HotspotEvent.HotspotOpened;
import cn.jiesu.core.hotspot.HotspotKey;
import cn.jiesu.core.hotspot.HotspotPolicy;
import cn.jiesu.core.hotspot.HotspotStore;
import cn.jiesu.core.hotspot.InMemoryHotspotStore;
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
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The write-behind store on real Redis: the same answers as the in-memory store on one instance, writes only on
 * flush and coalesced, other instances' counts within the refresh interval, a failed flush counted once on
 * redelivery, and a restart that loses only what was never flushed.
 */
class WriteBehindHotspotStoreIT {
    private static final Instant START = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS);
    private static final Duration REFRESH = Duration.ofSeconds(1);
    private static final HotspotKey STREET = new HotspotKey("water", HotspotKey.Level.STREET, "朝阳区/望京街道");
    private static final HotspotKey CITY =
            new HotspotKey(HotspotKey.ALL_TOPICS, HotspotKey.Level.CITY, HotspotKey.CITY);

    private final MutableClock clock = new MutableClock(START);
    private final AtomicLong ticker = new AtomicLong();
    private RedisClients clients;
    private HotspotKeys keys;
    private int seq;

    @BeforeEach
    void setUp() {
        RedisConfig config = TestRedis.config("write-behind");
        clients = RedisClients.connect(config, new SimpleMeterRegistry());
        keys = new HotspotKeys(config.keyPrefix());
    }

    @AfterEach
    void tearDown() {
        clients.close();
    }

    private WriteBehindHotspotStore store() {
        return new WriteBehindHotspotStore(clients, keys, clock, REFRESH, ticker::get);
    }

    private HotspotAppeal water(String street) {
        return new HotspotAppeal("W" + (++seq), clock.instant(), Set.of("water"), "朝阳区", street);
    }

    private long redisCount(HotspotKey key, Resolution r, long slot) {
        String v = clients.shared()
                .sync()
                .hget(keys.counts(key, r, Math.floorDiv(slot, HotspotKeys.pageSlots(r))), Long.toString(slot));
        return v == null ? 0 : Long.parseLong(v);
    }

    private boolean marked(String appealId) {
        return clients.shared().sync().zscore(keys.seen(), appealId) != null;
    }

    @Test
    @DisplayName("on one instance the detector finds the same hotspots, with the same appeals, as in memory")
    void sameAsInMemory() {
        WriteBehindHotspotStore behind = store();
        InMemoryHotspotStore memory = new InMemoryHotspotStore();
        History.seed(behind, START, Duration.ofHours(30));
        History.seed(memory, START, Duration.ofHours(30));
        HotspotDetector a = new HotspotDetector(behind, HotspotPolicy.defaults(), clock);
        HotspotDetector b = new HotspotDetector(memory, HotspotPolicy.defaults(), clock);
        Random random = new Random(7);
        String[] streets = {"望京街道", "酒仙桥街道", "麦子店街道"};
        for (int i = 0; i < 60; i++) {
            clock.advance(Duration.ofSeconds(20 + random.nextInt(60)));
            // The first street bursts; the others are background.
            HotspotAppeal appeal = water(i % 3 == 0 || i > 40 ? streets[0] : streets[random.nextInt(3)]);
            behind.observing(appeal.appealId());
            assertThat(describe(a.observe(appeal))).as("appeal %d", i).isEqualTo(describe(b.observe(appeal)));
            if (i % 7 == 0) {
                behind.flush(); // a batch ends now and then, as the consumer's do
            }
            if (i % 10 == 0) {
                assertThat(describe(a.tick())).isEqualTo(describe(b.tick()));
            }
        }
        behind.flush();
        long bucket = Resolution.BUCKET.slot(clock.instant());
        assertThat(store().counts(STREET, Resolution.BUCKET, bucket - 300, 301))
                .containsExactly(memory.counts(STREET, Resolution.BUCKET, bucket - 300, 301));
        assertThat(store().openHotspots()).isNotEmpty().hasSameSizeAs(memory.openHotspots());
    }

    private static List<String> describe(List<HotspotEvent> events) {
        return events.stream()
                .map(e -> e.getClass().getSimpleName() + " "
                        + e.hotspot().opened().id() + " " + e.hotspot().appealIds())
                .toList();
    }

    @Test
    @DisplayName("writes reach Redis only on flush, coalesced, with every appeal's observed-once marker")
    void writesBehind() {
        WriteBehindHotspotStore s = store();
        HotspotDetector d = new HotspotDetector(s, HotspotPolicy.defaults(), clock);
        List<CompletableFuture<Boolean>> done = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            HotspotAppeal appeal = water("望京街道");
            done.add(s.observing(appeal.appealId()).toCompletableFuture());
            d.observe(appeal);
        }
        long bucket = Resolution.BUCKET.slot(clock.instant());
        assertThat(redisCount(STREET, Resolution.BUCKET, bucket)).isZero();
        assertThat(marked("W1")).isFalse();
        assertThat(done).noneMatch(CompletableFuture::isDone);
        // This instance reads its own writes before they are flushed.
        assertThat(s.counts(STREET, Resolution.BUCKET, bucket, 1)).containsExactly(20);

        s.flush();
        assertThat(done).allMatch(f -> f.isDone() && f.join());
        assertThat(redisCount(STREET, Resolution.BUCKET, bucket)).isEqualTo(20);
        assertThat(redisCount(CITY, Resolution.HOUR, Resolution.HOUR.slot(clock.instant())))
                .isEqualTo(20);
        assertThat(marked("W1")).isTrue();
        assertThat(marked("W20")).isTrue();
        assertThat(clients.shared().sync().zcard(keys.recent(STREET))).isEqualTo(20);
        assertThat(clients.shared().sync().pttl(keys.counts(STREET, Resolution.BUCKET, Math.floorDiv(bucket, 288))))
                .isPositive();
        assertThat(s.counts(STREET, Resolution.BUCKET, bucket, 1)).containsExactly(20);
    }

    @Test
    @DisplayName("another instance's flushed counts show within the refresh interval, not before")
    void stalenessBound() {
        WriteBehindHotspotStore a = store();
        WriteBehindHotspotStore b = store();
        long bucket = Resolution.BUCKET.slot(clock.instant());
        assertThat(b.counts(STREET, Resolution.BUCKET, bucket, 1)).containsExactly(0); // b reads the page now
        a.add(STREET, Resolution.BUCKET, bucket, 3);
        a.flush();
        ticker.addAndGet(REFRESH.toNanos() - 1);
        b.add(STREET, Resolution.BUCKET, bucket, 1);
        assertThat(b.counts(STREET, Resolution.BUCKET, bucket, 1))
                .as("within the refresh interval: b's page as read, plus its own")
                .containsExactly(1);
        ticker.addAndGet(1);
        assertThat(b.counts(STREET, Resolution.BUCKET, bucket, 1))
                .as("refreshed: a's flushed counts and b's unflushed one")
                .containsExactly(4);
        b.flush();
        assertThat(redisCount(STREET, Resolution.BUCKET, bucket)).isEqualTo(4);
    }

    @Test
    @DisplayName("two instances open one hotspot between them and every appeal joins it")
    void twoInstancesAgree() {
        WriteBehindHotspotStore sa = store();
        WriteBehindHotspotStore sb = store();
        History.seed(sa, START, Duration.ofHours(30));
        List<HotspotDetector> detectors = List.of(
                new HotspotDetector(sa, HotspotPolicy.defaults(), clock),
                new HotspotDetector(sb, HotspotPolicy.defaults(), clock));
        List<HotspotEvent> events = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            clock.advance(Duration.ofMinutes(1));
            ticker.addAndGet(REFRESH.toNanos()); // a minute apart: each sees the other's flushed counts
            WriteBehindHotspotStore s = i % 2 == 0 ? sa : sb;
            HotspotAppeal appeal = water("望京街道");
            s.observing(appeal.appealId());
            events.addAll(detectors.get(i % 2).observe(appeal).stream()
                    .filter(e -> e.hotspot().opened().key().equals(STREET))
                    .toList());
            s.flush();
        }
        assertThat(events).filteredOn(e -> e instanceof HotspotOpened).hasSize(1);
        assertThat(events.getLast()).isInstanceOf(HotspotGrew.class);
        assertThat(store().members(STREET)).hasSize(8);
        assertThat(redisCount(STREET, Resolution.HOUR, Resolution.HOUR.slot(clock.instant())))
                .isEqualTo(8);
    }

    @Test
    @DisplayName("after a batch's prefetch, observing its appeals reads nothing more from Redis")
    void prefetchedBatchReadsNothingMore() {
        WriteBehindHotspotStore s = store();
        HotspotDetector d = new HotspotDetector(s, HotspotPolicy.defaults(), clock);
        List<HotspotAppeal> batch = List.of(water("望京街道"), water("酒仙桥街道"), water("麦子店街道"));
        long before = reads();
        long scripts = calls("evalsha") + calls("eval");
        d.prefetch(batch);
        assertThat(calls("evalsha") + calls("eval") - scripts)
                .as("the batch's pages, closed hotspots and open ones: one script")
                .isEqualTo(1);
        long reads = reads();
        assertThat(reads).as("read inside that script").isGreaterThan(before + 6);
        for (HotspotAppeal a : batch) {
            s.observing(a.appealId());
            d.observe(a);
        }
        assertThat(reads()).isEqualTo(reads);
        s.flush();
        assertThat(redisCount(STREET, Resolution.BUCKET, Resolution.BUCKET.slot(clock.instant())))
                .isEqualTo(1);
    }

    /** Read commands Redis has run so far, scripts' included (this test's Redis is its own). */
    private long reads() {
        long n = 0;
        for (String cmd : List.of("hgetall", "hget", "hmget", "zrange", "zrangebyscore", "exists")) {
            n += calls(cmd);
        }
        return n;
    }

    /** How often Redis has run {@code cmd} so far, not counting failed calls (a script's first NOSCRIPT). */
    private long calls(String cmd) {
        String stats = clients.shared().sync().info("commandstats");
        for (String line : stats.split("\r?\n")) {
            if (line.startsWith("cmdstat_" + cmd + ":calls=")) {
                return field(line, "calls=") - field(line, "failed_calls=");
            }
        }
        return 0;
    }

    private static long field(String statLine, String name) {
        int at = statLine.indexOf(name) + name.length();
        int end = statLine.indexOf(',', at);
        return Long.parseLong(end < 0 ? statLine.substring(at) : statLine.substring(at, end));
    }

    @Test
    @DisplayName(
            "a flush of 1,200 appeals, two counted before by another instance: those two are dropped, the rest count")
    void largeFlushWithAppealsCountedBefore() {
        WriteBehindHotspotStore earlier = store();
        WriteBehindHotspotStore s = store();
        HotspotDetector d = new HotspotDetector(s, HotspotPolicy.defaults(), clock);
        List<HotspotAppeal> appeals = new ArrayList<>();
        for (int i = 0; i < 1_200; i++) {
            appeals.add(water("望京街道"));
        }
        // Positions 3 and 1,100: in the script's first and third chunk of markers.
        for (HotspotAppeal counted : List.of(appeals.get(2), appeals.get(1_099))) {
            earlier.observing(counted.appealId());
            new HotspotDetector(earlier, HotspotPolicy.defaults(), clock).count(counted);
        }
        earlier.flush();
        List<CompletableFuture<Boolean>> stages = new ArrayList<>();
        for (HotspotAppeal a : appeals) {
            stages.add(s.observing(a.appealId()).toCompletableFuture());
            d.count(a);
        }
        s.flush();
        List<Integer> dropped = new ArrayList<>();
        for (int i = 0; i < stages.size(); i++) {
            if (!await(stages.get(i))) {
                dropped.add(i);
            }
        }
        assertThat(dropped).containsExactly(2, 1_099);
        assertThat(redisCount(STREET, Resolution.BUCKET, Resolution.BUCKET.slot(clock.instant())))
                .isEqualTo(1_200);
        assertThat(appeals.stream().allMatch(a -> marked(a.appealId()))).isTrue();
    }

    @Test
    @DisplayName("a key's 1,200 appeals remembered in one flush are all kept (the script adds them in chunks)")
    void remembersInChunks() {
        WriteBehindHotspotStore s = store();
        for (int i = 0; i < 1_200; i++) {
            s.remember(STREET, "R" + i, clock.instant().plusMillis(i));
        }
        s.flush();
        var sync = clients.shared().sync();
        assertThat(sync.zcard(keys.recent(STREET))).isEqualTo(1_200);
        // Each member with its own time: the pairs were not shifted across a chunk's edge.
        assertThat(sync.zscore(keys.recent(STREET), "R0")).isEqualTo((double) clock.millis());
        assertThat(sync.zscore(keys.recent(STREET), "R500")).isEqualTo((double) clock.millis() + 500);
        assertThat(sync.zscore(keys.recent(STREET), "R1199")).isEqualTo((double) clock.millis() + 1_199);
    }

    @Test
    @DisplayName("a failed flush writes nothing; the redelivered appeal counts once, a second redelivery not again")
    void failedFlushCountsOnceOnRedelivery() {
        WriteBehindHotspotStore s = store();
        HotspotDetector d = new HotspotDetector(s, HotspotPolicy.defaults(), clock);
        long bucket = Resolution.BUCKET.slot(clock.instant());
        long hour = Resolution.HOUR.slot(clock.instant());
        // The city's hourly page is the first the flush writes: a string in its place fails the script before any
        // write.
        String cityPage =
                keys.counts(CITY, Resolution.HOUR, Math.floorDiv(hour, HotspotKeys.pageSlots(Resolution.HOUR)));
        clients.shared().sync().set(cityPage, "not a hash");
        HotspotAppeal appeal = water("望京街道");
        CompletableFuture<Boolean> first = s.observing(appeal.appealId()).toCompletableFuture();
        d.observe(appeal);
        assertThatThrownBy(s::flush).isInstanceOf(RuntimeException.class);
        assertThat(first).isCompletedExceptionally();
        assertThat(redisCount(STREET, Resolution.BUCKET, bucket)).isZero();
        assertThat(marked(appeal.appealId())).isFalse();
        assertThat(s.counts(STREET, Resolution.BUCKET, bucket, 1))
                .as("what this instance cached of the failed writes is gone")
                .containsExactly(0);

        clients.shared().sync().del(cityPage);
        CompletableFuture<Boolean> again = s.observing(appeal.appealId()).toCompletableFuture();
        d.observe(appeal);
        s.flush();
        assertThat(await(again)).isTrue();
        assertThat(redisCount(STREET, Resolution.BUCKET, bucket)).isEqualTo(1);
        assertThat(redisCount(CITY, Resolution.HOUR, hour)).isEqualTo(1);

        // Counted, but its acknowledgement was lost: delivered once more, to another instance.
        WriteBehindHotspotStore other = store();
        CompletableFuture<Boolean> third = other.observing(appeal.appealId()).toCompletableFuture();
        new HotspotDetector(other, HotspotPolicy.defaults(), clock).observe(appeal);
        other.flush();
        assertThat(await(third)).as("counted before").isFalse();
        assertThat(redisCount(STREET, Resolution.BUCKET, bucket)).isEqualTo(1);
        assertThat(other.counts(STREET, Resolution.BUCKET, bucket, 1)).containsExactly(1);
    }

    @Test
    @DisplayName("a restart loses only what was never flushed; the open hotspot and counts are there")
    void restart() {
        WriteBehindHotspotStore s = store();
        History.seed(s, START, Duration.ofHours(30));
        HotspotDetector d = new HotspotDetector(s, HotspotPolicy.defaults(), clock);
        for (int i = 0; i < 4; i++) {
            clock.advance(Duration.ofMinutes(1));
            HotspotAppeal appeal = water("望京街道");
            s.observing(appeal.appealId());
            d.observe(appeal);
        }
        s.flush();
        clock.advance(Duration.ofMinutes(1));
        HotspotAppeal lost = water("望京街道");
        s.observing(lost.appealId());
        d.observe(lost); // never flushed: the instance dies here, the entry stays pending

        HotspotStore restarted = store();
        long hour = Resolution.HOUR.slot(clock.instant());
        assertThat(restarted.counts(STREET, Resolution.HOUR, hour - 1, 2)).containsExactly(0, 4);
        assertThat(restarted.find(STREET)).isPresent();
        CompletableFuture<Boolean> redelivered =
                restarted.observing(lost.appealId()).toCompletableFuture();
        assertThat(new HotspotDetector(restarted, HotspotPolicy.defaults(), clock).observe(lost))
                .filteredOn(e -> e.hotspot().opened().key().equals(STREET))
                .singleElement()
                .isInstanceOf(HotspotGrew.class);
        restarted.flush();
        assertThat(await(redelivered)).isTrue();
        assertThat(redisCount(STREET, Resolution.HOUR, hour)).isEqualTo(5);
    }
}
