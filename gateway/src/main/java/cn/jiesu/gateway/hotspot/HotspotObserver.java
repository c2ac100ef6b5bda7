package cn.jiesu.gateway.hotspot;

import cn.jiesu.core.hotspot.HotspotAppeal;
import cn.jiesu.core.hotspot.HotspotDetector;
import cn.jiesu.core.hotspot.HotspotEvent;
import cn.jiesu.core.hotspot.HotspotStore;
import cn.jiesu.redis.hotspot.ObservedAppeals;
import cn.jiesu.redis.hotspot.RedisHotspotEvents;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts an appeal in the detector at most once (the {@link ObservedAppeals} marker is taken first) and appends what
 * it opened or grew to the hotspots stream. Blocking; not thread-safe: one per thread, each with its own detector
 * and store (the detector is single-threaded, the store's {@code flush} waits for its own writes).
 */
final class HotspotObserver {
    private static final Logger LOG = LoggerFactory.getLogger(HotspotObserver.class);

    private final HotspotDetector detector;
    private final HotspotStore store;
    private final ObservedAppeals seen;
    private final RedisHotspotEvents events;
    private final HotspotMetrics metrics;

    HotspotObserver(
            HotspotDetector detector,
            HotspotStore store,
            ObservedAppeals seen,
            RedisHotspotEvents events,
            HotspotMetrics metrics) {
        this.detector = detector;
        this.store = store;
        this.seen = seen;
        this.events = events;
        this.metrics = metrics;
    }

    /** The events of this appeal; empty when it was observed before (a redelivery, another instance). */
    List<HotspotEvent> observeOnce(HotspotAppeal appeal) {
        if (!join(seen.claim(appeal.appealId()))) {
            return List.of();
        }
        long start = System.nanoTime();
        List<HotspotEvent> out;
        try {
            out = detector.observe(appeal);
            store.flush();
        } catch (RuntimeException e) {
            // Counted in part at most: giving the marker back lets a redelivery count it (a few counts twice is
            // the lesser evil next to an appeal never joining its hotspot).
            seen.release(appeal.appealId());
            throw e;
        }
        metrics.observed(System.nanoTime() - start, out);
        publish(out);
        return out;
    }

    /** Appends events to the stream; a failure is logged and counted (the board still shows the hotspot). */
    void publish(List<HotspotEvent> out) {
        for (HotspotEvent e : out) {
            try {
                join(events.append(e));
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
