package cn.jiesu.gateway.hotspot;

import cn.jiesu.core.appeal.AppealStore;
import cn.jiesu.core.console.CallAppeals;
import cn.jiesu.core.hotspot.HotspotBoard;
import cn.jiesu.core.hotspot.HotspotDetector;
import cn.jiesu.gateway.Loop;
import cn.jiesu.gateway.http.KnownNames;
import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.StreamKeys;
import cn.jiesu.redis.hotspot.HotspotKeys;
import cn.jiesu.redis.hotspot.ObservedAppeals;
import cn.jiesu.redis.hotspot.RedisHotspotBoard;
import cn.jiesu.redis.hotspot.RedisHotspotEvents;
import cn.jiesu.redis.hotspot.RedisHotspotStore;
import cn.jiesu.redis.hotspot.WriteBehindHotspotStore;
import cn.jiesu.redis.intake.IntakeConsumer;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Live hotspots (未诉先办), wired: the {@code hotspots} consumer group on the intake stream, the {@code hotspot-tick}
 * loop that closes hotspots, the count after a phone appeal's enrichment, and {@code GET /api/v1/hotspots}. Each of
 * the three threads that run the detector (consumer, tick, enrichment worker) has its own detector and store over
 * the one connection. With {@code hotspots.enabled: false} only the API runs (it reads what other instances find).
 */
public final class Hotspots {
    /** The consumer group on the intake stream. */
    public static final String GROUP = "hotspots";

    private final HotspotsConfig config;
    private final IntakeConsumer consumer;
    private final Loop tick;
    private final HotspotRoutes routes;
    private final HotspotBoard board;
    private final Function<CallAppeals, CallAppeals> onEnrich;

    private Hotspots(
            HotspotsConfig config,
            IntakeConsumer consumer,
            Loop tick,
            HotspotRoutes routes,
            HotspotBoard board,
            Function<CallAppeals, CallAppeals> onEnrich) {
        this.config = config;
        this.consumer = consumer;
        this.tick = tick;
        this.routes = routes;
        this.board = board;
        this.onEnrich = onEnrich;
    }

    /** Builds the parts; whatever must be closed goes on {@code closeables}. Starts nothing. */
    public static Hotspots build(
            HotspotsConfig config,
            RedisClients redis,
            StreamKeys streamKeys,
            String instance,
            AppealStore store,
            KnownNames names,
            Vertx vertx,
            MeterRegistry registry,
            Clock clock,
            List<AutoCloseable> closeables) {
        HotspotKeys keys = new HotspotKeys(redis.config().keyPrefix());
        HotspotBoard board = new RedisHotspotBoard(redis, keys, clock);
        HotspotRoutes routes = new HotspotRoutes(vertx, board, names);
        if (!config.enabled()) {
            return new Hotspots(config, null, null, routes, board, Function.identity());
        }
        HotspotMetrics metrics = new HotspotMetrics(registry);
        ObservedAppeals seen = new ObservedAppeals(redis, keys);
        RedisHotspotEvents events =
                new RedisHotspotEvents(redis, keys, redis.config().eventsMaxLen());
        java.util.function.Supplier<HotspotObserver> observer = () -> {
            WriteBehindHotspotStore s = new WriteBehindHotspotStore(redis, keys, clock, config.refreshInterval());
            return new HotspotObserver(new HotspotDetector(s, config.policy(), clock), s, seen, events, metrics);
        };
        IntakeConsumer consumer = new IntakeConsumer(
                redis,
                streamKeys,
                redis.config(),
                GROUP,
                instance,
                new HotspotWatch(observer.get(), clock, config.flushInterval()),
                registry,
                clock);
        closeables.add(consumer);
        // The tick reads what it closes on fresh from Redis: every 30 s, so caching would save nothing.
        RedisHotspotStore tickStore = new RedisHotspotStore(redis, keys, clock);
        HotspotTick step = new HotspotTick(
                new HotspotDetector(tickStore, config.policy(), clock), tickStore, observer.get(), metrics);
        Loop tick = new Loop("hotspot-tick", config.tickInterval(), config.tickInterval(), step::run, registry);
        closeables.add(tick);
        // One thread, so the enrichment's detector is never used by two at once.
        ExecutorService worker = Executors.newSingleThreadExecutor(
                Thread.ofVirtual().name("hotspot-enrich").factory());
        closeables.add(worker::shutdown);
        HotspotObserver enrichObserver = observer.get();
        return new Hotspots(
                config,
                consumer,
                tick,
                routes,
                board,
                appeals -> new HotspotsOnEnrich(appeals, store, enrichObserver, worker));
    }

    /** The console's call appeals, counting phone appeals in the detector once an agent's form enriches them. */
    public CallAppeals onEnrich(CallAppeals appeals) {
        return onEnrich.apply(appeals);
    }

    /** The open and lately closed hotspots, shared by every instance: what the wallboard and the console show. */
    public HotspotBoard board() {
        return board;
    }

    public void mount(Router router) {
        routes.mount(router);
    }

    /** Starts the consumer and the tick loop (nothing when disabled). */
    public CompletionStage<Void> start() {
        if (!config.enabled()) {
            return CompletableFuture.completedFuture(null);
        }
        return consumer.start().thenRun(tick::start);
    }
}
