package cn.jiesu.gateway.hotspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.jiesu.channels.classify.ReloadableClassifier;
import cn.jiesu.core.appeal.AppealStore;
import cn.jiesu.core.classify.TextNormalizer;
import cn.jiesu.core.hotspot.HotspotDetector;
import cn.jiesu.core.hotspot.HotspotKey;
import cn.jiesu.core.hotspot.HotspotMember;
import cn.jiesu.core.hotspot.Resolution;
import cn.jiesu.core.intake.Channel;
import cn.jiesu.core.intake.Citizen;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.intake.IntakeIds;
import cn.jiesu.core.intake.Location;
import cn.jiesu.core.intake.PlaceMark;
import cn.jiesu.core.place.PlaceOnEnrich;
import cn.jiesu.core.place.PlacingAppealStore;
import cn.jiesu.gateway.GatewayConfig;
import cn.jiesu.gateway.config.ConfigLoader;
import cn.jiesu.gateway.support.EnrichOnly;
import cn.jiesu.gateway.support.TestServices;
import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.StreamKeys;
import cn.jiesu.redis.callback.CallbackKeys;
import cn.jiesu.redis.callback.RedisRateStore;
import cn.jiesu.redis.hotspot.EnrichedAppeals;
import cn.jiesu.redis.hotspot.HotspotKeys;
import cn.jiesu.redis.hotspot.HotspotLease;
import cn.jiesu.redis.hotspot.LeaderHotspotStore;
import cn.jiesu.redis.hotspot.ObservedAppeals;
import cn.jiesu.redis.hotspot.RedisHotspotEvents;
import cn.jiesu.redis.hotspot.RedisHotspotStore;
import cn.jiesu.redis.intake.IntakeEntry;
import cn.jiesu.redis.intake.RedisAppealStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A phone appeal is counted when the agent's form gives it text, not at intake: its topics come from the form's
 * text, its place from the gazetteer (written onto the appeal), and it joins the hotspot its street already has.
 * Real Redis, the shipped classification rules and gazetteer.
 */
class HotspotEnrichIT {
    private static final HotspotKey STREET = new HotspotKey("water", HotspotKey.Level.STREET, "朝阳区/望京街道");

    private final IntakeIds ids = new IntakeIds(Clock.systemUTC(), new SecureRandom());
    private GatewayConfig config;
    private RedisClients redis;
    private AppealStore appeals;
    private RedisAppealStore raw;
    private HotspotKeys keys;
    private HotspotLease lease;
    private LeaderHotspotStore leaderStore;
    private HotspotObserver observer;
    private HotspotLeader leader;
    private HotspotsOnEnrich onEnrich;
    private final Object lock = new Object();
    private final List<Throwable> failures = new ArrayList<>();

    @BeforeEach
    void setUp() {
        Map<String, String> env = new HashMap<>(TestServices.gatewayEnv());
        env.put(
                "JIESU_REDIS_KEY_PREFIX",
                "it-hse-" + UUID.randomUUID().toString().substring(0, 8) + ":");
        config = GatewayConfig.from(ConfigLoader.load(null, env));
        redis = RedisClients.connect(config.redis(), new SimpleMeterRegistry());
        raw = new RedisAppealStore(
                redis,
                new StreamKeys(config.redis().keyPrefix()),
                config.redis(),
                new SimpleMeterRegistry(),
                Clock.systemUTC());
        PlacingAppealStore placing =
                new PlacingAppealStore(raw, config.gazetteer().resolver().orElseThrow(), r -> {});
        appeals = placing;
        keys = new HotspotKeys(config.redis().keyPrefix());
        RedisHotspotStore store = new RedisHotspotStore(redis, keys, Clock.systemUTC());
        history(store);
        lease = new HotspotLease(redis, keys, "it-enrich", Duration.ofSeconds(30));
        assertThat(lease.tryAcquire()).isTrue();
        observer = term();
        // As the gateway wires it: PlaceOnEnrich writes the form's topics and place, then the count reads them.
        PlaceOnEnrich placed = new PlaceOnEnrich(
                new EnrichOnly(raw),
                appeals,
                placing,
                ReloadableClassifier.load(config.channels().classificationFile(), TextNormalizer.standard()),
                new RedisRateStore(redis, new CallbackKeys(config.redis().keyPrefix()), ZoneId.of("Asia/Shanghai")),
                in -> CompletableFuture.completedFuture(null),
                failures::add);
        onEnrich = new HotspotsOnEnrich(placed, new EnrichedAppeals(redis, keys));
    }

    /** A term of the detecting instance as HotspotLeader begins one: a store rebuilt from the log, its observer. */
    private HotspotObserver term() {
        leaderStore = new LeaderHotspotStore(redis, keys, Clock.systemUTC(), lease, Duration.ofMinutes(1));
        HotspotDetector detector =
                new HotspotDetector(leaderStore, config.hotspots().policy(), Clock.systemUTC());
        leaderStore.rebuild(detector::recount);
        return new HotspotObserver(
                detector,
                leaderStore,
                new ObservedAppeals(redis, keys),
                new RedisHotspotEvents(redis, keys, 1000),
                new HotspotMetrics(new SimpleMeterRegistry()));
    }

    @AfterEach
    void tearDown() {
        if (leader != null) {
            leader.close();
        }
        redis.close();
    }

    private static void history(RedisHotspotStore store) {
        HotspotKey city = new HotspotKey(HotspotKey.ALL_TOPICS, HotspotKey.Level.CITY, HotspotKey.CITY);
        long now = Resolution.HOUR.slot(Instant.now());
        for (int week = 1; week <= 8; week++) {
            for (long h = now - 25; h <= now + 2; h++) {
                store.add(city, Resolution.HOUR, h - 168L * week, 10);
            }
        }
        store.flush();
    }

    private Intake phoneCall() {
        Intake call = Intake.builder()
                .intakeId(ids.next())
                .channel(Channel.PHONE)
                .channelAccount("12345")
                .channelMessageId("call-" + UUID.randomUUID())
                .receivedAt(Instant.now())
                .citizen(new Citizen(null, null, null, "13800138000", null, false))
                .build();
        HotspotObserver.join(appeals.append(call));
        return call;
    }

    private String webAppeal(String text, String address) {
        Intake web = Intake.builder()
                .intakeId(ids.next())
                .channel(Channel.WEB)
                .channelAccount("web")
                .channelMessageId("m-" + UUID.randomUUID())
                .receivedAt(Instant.now())
                .content(text)
                .location(new Location(address, null, null, null, null, null, null))
                .triage(new cn.jiesu.core.intake.TriageMark(1.0, false, null, java.util.Set.of("water")))
                .build();
        HotspotObserver.join(appeals.append(web));
        Intake stored =
                HotspotObserver.join(appeals.byId(web.intakeId())).orElseThrow().intake();
        deliver(new HotspotWatch(observer, lock, Clock.systemUTC(), Duration.ZERO), new IntakeEntry("0-1", stored, 1));
        return web.intakeId();
    }

    /** The street's hourly count in the count pages, once the detecting instance applied what it logged. */
    private long streetCount() {
        leaderStore.applyNow();
        long hour = Resolution.HOUR.slot(Instant.now());
        long n = 0;
        for (long c :
                new RedisHotspotStore(redis, keys, Clock.systemUTC()).counts(STREET, Resolution.HOUR, hour - 1, 2)) {
            n += c;
        }
        return n;
    }

    @Test
    @DisplayName("a phone appeal is counted once, after its form: topic from the text, place written onto it, joins")
    void phoneJoinsAfterEnrichment() {
        List<String> online = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            online.add(webAppeal("家里停水了", "朝阳区望京街道望京西园三区" + i + "号楼"));
        }
        RedisHotspotStore store = new RedisHotspotStore(redis, keys, Clock.systemUTC());
        assertThat(store.find(STREET)).isPresent();

        Intake call = phoneCall();
        Intake stored = HotspotObserver.join(appeals.byId(call.intakeId()))
                .orElseThrow()
                .intake();
        assertThat(HotspotWatch.awaitsEnrichment(stored)).isTrue();
        deliver(new HotspotWatch(observer, lock, Clock.systemUTC(), Duration.ZERO), new IntakeEntry("0-2", stored, 1));
        assertThat(streetCount()).isEqualTo(3);

        assertThat(HotspotObserver.join(onEnrich.enrich(call.intakeId(), Map.of("content", "望京西园三区5号楼从早上开始停水，一直没有水"))))
                .isTrue();
        countEnriched();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(store.members(STREET))
                        .extracting(HotspotMember::appealId)
                        .containsExactly(online.get(0), online.get(1), online.get(2), call.intakeId()));
        Intake enriched = HotspotObserver.join(appeals.byId(call.intakeId()))
                .orElseThrow()
                .intake();
        assertThat(enriched.place()).isNotNull();
        assertThat(enriched.place().district()).isEqualTo("朝阳区");
        assertThat(enriched.place().street()).isEqualTo("望京街道");
        assertThat(streetCount()).isEqualTo(4);
        assertThat(failures).isEmpty();

        // A second save of the form (and a redelivery of the intake entry) count nothing more.
        HotspotObserver.join(onEnrich.enrich(call.intakeId(), Map.of("content", "望京西园三区5号楼停水，水管爆了")));
        countEnriched();
        deliver(
                new HotspotWatch(observer, lock, Clock.systemUTC(), Duration.ZERO),
                new IntakeEntry("0-2", enriched, 2));
        assertThat(streetCount()).isEqualTo(4);
        assertThat(store.members(STREET)).hasSize(4);
    }

    @Test
    @DisplayName("appeals older than every window (a group reading old history) are counted but open nothing")
    void historyIsCountedNotTested() {
        Instant old = Instant.now().minus(Duration.ofDays(2));
        HotspotWatch watch = new HotspotWatch(observer, lock, Clock.systemUTC(), Duration.ZERO);
        for (int i = 0; i < 5; i++) {
            Intake web = Intake.builder()
                    .intakeId(ids.next())
                    .channel(Channel.WEB)
                    .channelAccount("web")
                    .channelMessageId("old-" + i)
                    .receivedAt(old.plusSeconds(60L * i))
                    .content("停水")
                    .triage(new cn.jiesu.core.intake.TriageMark(1.0, false, null, java.util.Set.of("water")))
                    .place(new PlaceMark("朝阳区", "望京街道", 0.9))
                    .build();
            deliver(watch, new IntakeEntry("0-" + i, web, 1));
        }
        leaderStore.applyNow();
        RedisHotspotStore store = new RedisHotspotStore(redis, keys, Clock.systemUTC());
        long hour = Resolution.HOUR.slot(old);
        long n = 0;
        for (long c : store.counts(STREET, Resolution.HOUR, hour, 2)) {
            n += c;
        }
        assertThat(n).isEqualTo(5);
        assertThat(store.openHotspots()).isEmpty();
        assertThat(redis.shared().sync().xlen(keys.events())).isZero();
    }

    @Test
    @DisplayName(
            "an entry whose flush failed is not acknowledged; its redelivery counts it once, a later one not again")
    void failedFlushLeavesTheEntryForRedelivery() {
        HotspotWatch watch = new HotspotWatch(observer, lock, Clock.systemUTC(), Duration.ZERO);
        Intake web = Intake.builder()
                .intakeId(ids.next())
                .channel(Channel.WEB)
                .channelAccount("web")
                .channelMessageId("m-" + UUID.randomUUID())
                .receivedAt(Instant.now())
                .content("停水")
                .triage(new cn.jiesu.core.intake.TriageMark(1.0, false, null, java.util.Set.of("water")))
                .place(new PlaceMark("朝阳区", "望京街道", 0.9))
                .build();
        // A string where the observation log should be: the flush's log script fails before it writes anything.
        String log = config.redis().keyPrefix() + "hs:log";
        redis.shared().sync().set(log, "not a stream");
        java.util.concurrent.CompletableFuture<Void> first =
                watch.handle(new IntakeEntry("0-9", web, 1)).toCompletableFuture();
        watch.endOfBatch();
        assertThat(first).as("not acknowledged: left pending").isCompletedExceptionally();
        assertThat(leaderStore.broken())
                .as("its windows may hold the appeal: rebuilt")
                .isTrue();
        assertThat(redis.shared().sync().zscore(keys.seen(), web.intakeId())).isNull();

        // The next term rebuilds from the log (which never got the appeal); the redelivery counts it once.
        redis.shared().sync().del(log);
        observer = term();
        watch = new HotspotWatch(observer, lock, Clock.systemUTC(), Duration.ZERO);
        assertThat(streetCount()).isZero();
        deliver(watch, new IntakeEntry("0-9", web, 2));
        assertThat(streetCount()).isEqualTo(1);
        deliver(watch, new IntakeEntry("0-9", web, 3));
        assertThat(streetCount()).isEqualTo(1);
        // And a term that begins now counts nothing of it again: its hours are applied, the log says so.
        observer = term();
        assertThat(streetCount()).isEqualTo(1);
    }

    /** What the detecting instance's enrichment loop does: counts what agents' saves announced. */
    private void countEnriched() {
        HotspotLeader.countEnriched(new EnrichedAppeals(redis, keys), appeals, "it-enrich", observer, lock, () -> true);
    }

    /** One delivery as the consumer makes it: handled, the batch ended (flushed), then acknowledged. */
    private static void deliver(HotspotWatch watch, IntakeEntry entry) {
        java.util.concurrent.CompletableFuture<Void> done = watch.handle(entry).toCompletableFuture();
        watch.endOfBatch();
        done.join();
    }
}
