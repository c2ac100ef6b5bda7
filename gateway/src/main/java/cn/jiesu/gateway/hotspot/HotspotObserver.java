package cn.jiesu.gateway.hotspot;

import cn.jiesu.core.hotspot.HotspotAppeal;
import cn.jiesu.core.hotspot.HotspotDetector;
import cn.jiesu.core.hotspot.HotspotEvent;
import cn.jiesu.core.hotspot.OpenHotspot;
import cn.jiesu.redis.hotspot.LeaderHotspotStore;
import cn.jiesu.redis.hotspot.ObservedAppeals;
import cn.jiesu.redis.hotspot.RedisHotspotEvents;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts appeals in the detecting instance's detector at most once and appends what they opened or grew to the
 * hotspots stream. The store keeps the windows in memory and logs the appeals ({@link LeaderHotspotStore}):
 * {@link #observe} returns a stage that the next {@link #flush()} completes once the appeal is in the observation
 * log with its observed-once marker, so a stream entry is acknowledged only then. Blocking; not thread-safe: the
 * detecting instance's consumer, tick and enrichments take turns on one ({@link HotspotLeader}'s lock).
 */
final class HotspotObserver {
    private static final Logger LOG = LoggerFactory.getLogger(HotspotObserver.class);

    private final HotspotDetector detector;
    private final LeaderHotspotStore store;
    private final ObservedAppeals seen;
    private final RedisHotspotEvents events;
    private final HotspotMetrics metrics;
    private static final long WARN_EVERY_NANOS = java.time.Duration.ofHours(1).toNanos();
    private long untestedSeen;
    private long untestedSinceWarning;
    private long lastWarning;
    private boolean warned;

    HotspotObserver(
            HotspotDetector detector,
            LeaderHotspotStore store,
            ObservedAppeals seen,
            RedisHotspotEvents events,
            HotspotMetrics metrics) {
        this.detector = detector;
        this.store = store;
        this.seen = seen;
        this.events = events;
        this.metrics = metrics;
    }

    /**
     * Observes the appeal now and publishes its events; the stage completes when a flush applied its counts (or
     * found it counted before). {@code test} false: history, counted for the baseline only, no events. The caller
     * has left out the appeals counted before ({@link #alreadyObserved}, one read per batch).
     */
    CompletionStage<Void> observe(HotspotAppeal appeal, boolean test) {
        CompletionStage<Boolean> waiting = store.pending(appeal.appealId());
        if (waiting != null) {
            return waiting.thenApply(v -> null); // the same appeal twice before a flush: counted once, by the first
        }
        CompletionStage<Boolean> applied = store.observing(appeal, test);
        long start = System.nanoTime();
        List<HotspotEvent> out;
        try {
            if (test) {
                out = detector.observe(appeal);
            } else {
                detector.count(appeal);
                out = List.of();
            }
        } catch (RuntimeException e) {
            store.abandon(); // counted in part: dropped, so the redelivery counts it whole
            return CompletableFuture.failedFuture(e);
        }
        metrics.observed(System.nanoTime() - start, out);
        untested();
        publish(out);
        return applied.thenApply(v -> null);
    }

    /**
     * Counts the window tests the detector skipped for lack of history and says so in the log at most once an hour:
     * otherwise a fresh deployment without imported history detects nothing and nothing says why.
     */
    private void untested() {
        long now = detector.untestedForLackOfHistory();
        long n = now - untestedSeen;
        if (n <= 0) {
            return;
        }
        untestedSeen = now;
        metrics.untested(n);
        untestedSinceWarning += n;
        long t = System.nanoTime();
        if (!warned || t - lastWarning >= WARN_EVERY_NANOS) {
            LOG.warn(
                    "hotspots: {} window test(s) skipped since the last such line (said at most once an hour;"
                            + " jiesu_hotspots_untested_total counts them all): the city has no appeals in this hour"
                            + " of the week in the baseline's past 8 weeks, so nothing can be called improbable yet;"
                            + " history with appeals in every hour of the week (docs/import-history.md) or weeks"
                            + " of live appeals cure it",
                    untestedSinceWarning);
            warned = true;
            lastWarning = t;
            untestedSinceWarning = 0;
        }
    }

    /** The appeals of a batch counted before (one read); throws when Redis cannot say. */
    java.util.Set<String> alreadyObserved(List<HotspotAppeal> appeals) {
        return join(
                seen.observedOf(appeals.stream().map(HotspotAppeal::appealId).toList()));
    }

    /**
     * Observes one appeal and flushes at once (the enrichment: rare, and nothing else would flush it); an appeal
     * counted before (announced twice) opens or grows nothing again.
     */
    void observeNow(HotspotAppeal appeal) {
        if (join(seen.observed(appeal.appealId()))) {
            return;
        }
        CompletionStage<Void> done = observe(appeal, true);
        flush();
        join(done);
    }

    /** Fetches at once what observing these appeals will read; a failure shows again when they are observed. */
    void prefetch(List<HotspotAppeal> appeals) {
        try {
            detector.prefetch(appeals);
        } catch (RuntimeException e) {
            LOG.debug("hotspots: prefetch failed: {}", e.toString());
        }
    }

    boolean hasPending() {
        return store.hasPending();
    }

    /** Applies the pending counts; a failure fails the stages of their appeals (left pending, redelivered). */
    void flush() {
        try {
            store.flush();
        } catch (RuntimeException e) {
            LOG.warn("hotspots: could not write counts, their appeals are left for redelivery: {}", e.toString());
        }
    }

    /** Appends events to the stream; a failure is logged and counted (the board still shows the hotspot). */
    void publish(List<HotspotEvent> out) {
        if (out.isEmpty()) {
            return;
        }
        List<OpenHotspot> open;
        try {
            open = store.openHotspots(); // what each event nests with
        } catch (RuntimeException failed) {
            open = List.of();
        }
        for (HotspotEvent e : out) {
            if (e instanceof HotspotEvent.HotspotOpened o) {
                OpenHotspot h = o.hotspot().opened();
                LOG.info(
                        "hotspot opened: {} ({} window, {} appeals where {} were expected)",
                        h.id(),
                        h.window().label(),
                        h.observed(),
                        String.format(java.util.Locale.ROOT, "%.2g", h.expected()));
            }
            try {
                join(events.append(e, open));
            } catch (RuntimeException failed) {
                metrics.eventFailed();
                LOG.warn(
                        "hotspots: could not append {} of {}: {}",
                        e.getClass().getSimpleName(),
                        e.hotspot().opened().id(),
                        failed.toString());
            }
        }
    }

    static <T> T join(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }
}
