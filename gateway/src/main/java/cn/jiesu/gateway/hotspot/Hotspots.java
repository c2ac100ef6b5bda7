package cn.jiesu.gateway.hotspot;

import cn.jiesu.core.appeal.AppealStore;
import cn.jiesu.core.console.CallAppeals;
import cn.jiesu.core.hotspot.HotspotBoard;
import cn.jiesu.gateway.Loop;
import cn.jiesu.gateway.http.KnownNames;
import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.StreamKeys;
import cn.jiesu.redis.hotspot.EnrichedAppeals;
import cn.jiesu.redis.hotspot.HotspotKeys;
import cn.jiesu.redis.hotspot.RedisHotspotBoard;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live hotspots (未诉先办), wired: of the instances with {@code hotspots.enabled}, the one holding the detector's lease
 * ({@link HotspotLeader}) reads the intake stream with the {@code hotspots} group, closes hotspots on the
 * {@code hotspot-tick} loop and counts enriched phone appeals; the others stand by. Every instance serves
 * {@code GET /api/v1/hotspots} (it reads what the detecting one found) and tells the detecting one about the phone
 * appeals its agents enrich. With {@code hotspots.enabled: false} an instance never detects.
 */
public final class Hotspots {
    private static final Logger LOG = LoggerFactory.getLogger(Hotspots.class);

    /** The consumer group on the intake stream. */
    public static final String GROUP = "hotspots";

    private final HotspotLeader leader;
    private final List<Loop> loops;
    private final HotspotRoutes routes;
    private final HotspotBoard board;
    private final EnrichedAppeals enriched;

    private Hotspots(
            HotspotLeader leader,
            List<Loop> loops,
            HotspotRoutes routes,
            HotspotBoard board,
            EnrichedAppeals enriched) {
        this.leader = leader;
        this.loops = loops;
        this.routes = routes;
        this.board = board;
        this.enriched = enriched;
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
        EnrichedAppeals enriched = new EnrichedAppeals(redis, keys);
        if (!config.enabled()) {
            return new Hotspots(null, List.of(), routes, board, enriched);
        }
        HotspotLeader leader =
                new HotspotLeader(config, redis, streamKeys, instance, store, keys, enriched, registry, clock);
        Duration renew = HotspotLeader.LEASE.dividedBy(3);
        List<Loop> loops = List.of(
                new Loop("hotspot-lease", renew, renew, leader::leaseStep, registry),
                new Loop("hotspot-tick", config.tickInterval(), config.tickInterval(), leader::tick, registry),
                new Loop("hotspot-enriched", Duration.ZERO, Duration.ofMillis(500), leader::enrichStep, registry));
        // Closed in reverse: the loops stop before the term ends and the lease is given up.
        closeables.add(leader);
        closeables.addAll(loops);
        return new Hotspots(leader, loops, routes, board, enriched);
    }

    /** The console's call appeals, telling the detecting instance of each phone appeal an agent's form enriches. */
    public CallAppeals onEnrich(CallAppeals appeals) {
        return new HotspotsOnEnrich(appeals, enriched);
    }

    /** The open and lately closed hotspots, shared by every instance: what the wallboard and the console show. */
    public HotspotBoard board() {
        return board;
    }

    public void mount(Router router) {
        routes.mount(router);
    }

    /**
     * Tries for the lease once (a single instance detects from its first appeal) and starts the loops (nothing
     * when disabled).
     */
    public CompletionStage<Void> start() {
        if (leader != null) {
            try {
                leader.leaseStep();
                leader.sayWhoDetects();
            } catch (RuntimeException e) {
                LOG.warn("hotspots: could not take the detector's lease yet ({}); trying again", e.toString());
            }
            loops.forEach(Loop::start);
        }
        return CompletableFuture.completedFuture(null);
    }
}
