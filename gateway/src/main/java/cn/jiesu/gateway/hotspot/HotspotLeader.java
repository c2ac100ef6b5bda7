package cn.jiesu.gateway.hotspot;

import cn.jiesu.core.appeal.AppealStore;
import cn.jiesu.core.hotspot.HotspotDetector;
import cn.jiesu.core.intake.Channel;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.StreamKeys;
import cn.jiesu.redis.hotspot.EnrichedAppeals;
import cn.jiesu.redis.hotspot.HotspotKeys;
import cn.jiesu.redis.hotspot.HotspotLease;
import cn.jiesu.redis.hotspot.LeaderHotspotStore;
import cn.jiesu.redis.hotspot.ObservedAppeals;
import cn.jiesu.redis.hotspot.RedisHotspotEvents;
import cn.jiesu.redis.hotspot.RedisHotspotStore;
import cn.jiesu.redis.intake.IntakeConsumer;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The detecting instance: of the instances with {@code hotspots.enabled}, the one holding the {@link HotspotLease}
 * reads the intake stream with the {@code hotspots} group, keeps the windows in memory ({@link LeaderHotspotStore},
 * rebuilt from the observation log when its term begins), closes hotspots on the tick and counts the phone appeals
 * that agents on any instance enriched ({@link EnrichedAppeals}). The others wait, trying for the lease: when the
 * holder stops (or stops renewing), one takes over within the lease's 10 s and carries on from the log and the
 * group's pending entries. A store that broke (a failed write) ends the term, so the next rebuilds from the log.
 *
 * <p>The consumer, the tick and the enrichments take turns on the term's detector under one lock.
 */
final class HotspotLeader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HotspotLeader.class);
    /** How long a silent holder keeps the lease; it renews every third of it. */
    static final Duration LEASE = Duration.ofSeconds(10);

    private final HotspotsConfig config;
    private final RedisClients redis;
    private final StreamKeys streamKeys;
    private final String instance;
    private final AppealStore appeals;
    private final HotspotKeys keys;
    private final HotspotMetrics metrics;
    private final ObservedAppeals seen;
    private final RedisHotspotEvents events;
    private final EnrichedAppeals enriched;
    private final HotspotLease lease;
    private final RedisHotspotStore shared;
    private final MeterRegistry registry;
    private final Clock clock;
    private final Object lock = new Object();
    private Term term;

    private record Term(
            LeaderHotspotStore store, HotspotDetector detector, HotspotObserver observer, IntakeConsumer consumer) {}

    HotspotLeader(
            HotspotsConfig config,
            RedisClients redis,
            StreamKeys streamKeys,
            String instance,
            AppealStore appeals,
            HotspotKeys keys,
            EnrichedAppeals enriched,
            MeterRegistry registry,
            Clock clock) {
        this.config = config;
        this.redis = redis;
        this.streamKeys = streamKeys;
        this.instance = instance;
        this.appeals = appeals;
        this.keys = keys;
        this.enriched = enriched;
        this.registry = registry;
        this.clock = clock;
        this.metrics = new HotspotMetrics(registry);
        this.seen = new ObservedAppeals(redis, keys);
        this.events = new RedisHotspotEvents(redis, keys, redis.config().eventsMaxLen());
        this.lease = new HotspotLease(redis, keys, instance, LEASE);
        this.shared = new RedisHotspotStore(redis, keys, clock);
    }

    /** One round of the lease loop: take the lease if free, else keep it, or end a term that lost it or broke. */
    void leaseStep() {
        Term t;
        boolean broken;
        synchronized (lock) {
            t = term;
            broken = t != null && t.store().broken();
        }
        if (t == null) {
            if (lease.tryAcquire()) {
                begin();
            }
        } else if (broken) {
            LOG.warn("hotspots: a write of the detector failed; rebuilding its windows from the observation log");
            end(t, true);
        } else if (!lease.renew()) {
            LOG.warn("hotspots: this instance lost the detector's lease (another instance detects now)");
            end(t, false);
        }
    }

    private void begin() {
        long start = System.nanoTime();
        LeaderHotspotStore store = new LeaderHotspotStore(redis, keys, clock, lease, config.applyInterval());
        HotspotDetector detector = new HotspotDetector(store, config.policy(), clock);
        HotspotObserver observer = new HotspotObserver(detector, store, seen, events, metrics);
        IntakeConsumer consumer = new IntakeConsumer(
                redis,
                streamKeys,
                redis.config(),
                Hotspots.GROUP,
                instance,
                new HotspotWatch(observer, lock, clock, config.flushInterval()),
                registry,
                clock);
        try {
            synchronized (lock) {
                store.rebuild(detector::recount);
                term = new Term(store, detector, observer, consumer);
            }
            consumer.start().toCompletableFuture().join();
        } catch (RuntimeException e) {
            synchronized (lock) {
                term = null;
            }
            consumer.stop();
            releaseQuietly();
            throw e;
        }
        metrics.detecting(true);
        LOG.info(
                "hotspots: this instance detects now; its windows were rebuilt from the observation log{} in {} ms",
                store.seededKeys() > 0 ? " and " + store.seededKeys() + " keys of the shared count pages" : "",
                (System.nanoTime() - start) / 1_000_000);
    }

    private void end(Term t, boolean release) {
        synchronized (lock) {
            if (term == t) {
                term = null;
            }
        }
        metrics.detecting(false);
        t.consumer().stop(); // its last batch fails to log without the lease: left pending for the next holder
        if (release) {
            releaseQuietly();
        }
    }

    private void releaseQuietly() {
        try {
            lease.release();
        } catch (RuntimeException e) {
            LOG.debug("hotspots: could not release the lease (it expires): {}", e.toString());
        }
    }

    /** One round of the tick loop: the holder closes what is back to normal; every instance reports the open. */
    void tick() {
        synchronized (lock) {
            if (term != null) {
                term.observer().publish(term.detector().tick());
                term.observer().flush(); // applies the logged counts when due, also on a quiet stream
                metrics.open(term.store().openHotspots());
                return;
            }
        }
        metrics.open(shared.openHotspots());
    }

    /** One round of the enrichment loop: the holder counts the phone appeals agents gave text to. */
    void enrichStep() {
        Term t;
        synchronized (lock) {
            t = term;
        }
        if (t == null) {
            return;
        }
        countEnriched(enriched, appeals, instance, t.observer(), lock, () -> term == t);
    }

    /**
     * Counts up to 100 announced enrichments with {@code observer} (under {@code lock}, while {@code current} says
     * the term lasts) and acknowledges those done: a phone appeal with topics now, once (its observed-once marker);
     * anything else (not found, no topics yet: a later save may give some) is only acknowledged.
     */
    static void countEnriched(
            EnrichedAppeals enriched,
            AppealStore appeals,
            String consumer,
            HotspotObserver observer,
            Object lock,
            java.util.function.BooleanSupplier current) {
        List<EnrichedAppeals.Enriched> batch = enriched.take(consumer, 100);
        List<EnrichedAppeals.Enriched> done = new ArrayList<>(batch.size());
        for (EnrichedAppeals.Enriched e : batch) {
            Intake intake = e.intakeId().isEmpty()
                    ? null
                    : HotspotObserver.join(appeals.byId(e.intakeId()))
                            .map(r -> r.intake())
                            .orElse(null);
            if (intake != null
                    && intake.channel() == Channel.PHONE
                    && !intake.triage().topics().isEmpty()) {
                synchronized (lock) {
                    if (!current.getAsBoolean()) {
                        break; // the term ended: the rest wait for the next holder
                    }
                    observer.observeNow(
                            HotspotWatch.appeal(intake, intake.triage().topics(), intake.place()));
                }
            }
            done.add(e);
        }
        enriched.done(done);
    }

    /** Says in the log who detects when this instance stands by (at start: otherwise only the metric says so). */
    void sayWhoDetects() {
        if (!detecting()) {
            String holder = lease.holder();
            LOG.info(
                    "hotspots: {} detects; this instance stands by and takes over within 14 s if it stops",
                    holder == null ? "no instance yet" : holder.substring(0, Math.max(0, holder.lastIndexOf('/'))));
        }
    }

    /** True while this instance holds the lease and detects. */
    boolean detecting() {
        synchronized (lock) {
            return term != null;
        }
    }

    /** Ends the term (its consumer drains) and gives the lease up, so another instance takes over at once. */
    @Override
    public void close() {
        Term t;
        synchronized (lock) {
            t = term;
        }
        if (t != null) {
            t.consumer().stop();
            synchronized (lock) {
                try {
                    t.store().applyNow();
                } catch (RuntimeException e) {
                    LOG.debug("hotspots: last counts not applied (the next holder replays them): {}", e.toString());
                }
                term = null;
            }
            metrics.detecting(false);
            releaseQuietly();
            LOG.info("hotspots: gave the detector's lease up; a standing-by instance takes over");
        }
    }
}
