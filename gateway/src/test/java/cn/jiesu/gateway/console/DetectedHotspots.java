package cn.jiesu.gateway.console;

import cn.jiesu.core.hotspot.HotspotAppeal;
import cn.jiesu.core.hotspot.HotspotBoard;
import cn.jiesu.core.hotspot.HotspotDetector;
import cn.jiesu.core.hotspot.HotspotPolicy;
import cn.jiesu.core.hotspot.HotspotView;
import cn.jiesu.core.hotspot.InMemoryHotspotStore;
import cn.jiesu.core.hotspot.OpenHotspot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Hotspots found by the real detector over the in-memory store, read as a {@link HotspotBoard} (open ones only: the
 * in-memory store forgets a closed hotspot). Appeals are fed as the intake consumer would feed them; two weeks of a
 * few background appeals give the detector the history it needs before it tests at all.
 */
final class DetectedHotspots implements HotspotBoard {
    private final InMemoryHotspotStore store = new InMemoryHotspotStore();
    private final HotspotDetector detector;
    private int seq;

    DetectedHotspots(Clock clock) {
        detector = new HotspotDetector(store, HotspotPolicy.defaults(), clock);
    }

    /** A quiet background at the same hours of the two weeks before {@code now}: other streets, other topics. */
    DetectedHotspots history(Instant now) {
        for (int week = 1; week <= 2; week++) {
            for (int i = 0; i < 6; i++) {
                Instant at = now.minus(Duration.ofDays(7L * week)).minus(Duration.ofMinutes(10L * i));
                observe(at, "garbage", "海淀区", "中关村街道");
            }
        }
        return this;
    }

    void observe(Instant at, String topic, String district, String street) {
        observe("I" + (++seq), at, topic, district, street);
    }

    /** An appeal with a real intake id (one the console's stores know, e.g. a caller's earlier appeal). */
    void observe(String intakeId, Instant at, String topic, String district, String street) {
        detector.observe(new HotspotAppeal(intakeId, at, Set.of(topic), district, street));
    }

    @Override
    public CompletionStage<List<HotspotView>> current(Duration closedWithin) {
        List<OpenHotspot> open = store.openHotspots();
        List<HotspotView> views = open.stream()
                .map(o -> HotspotView.of(detector.hotspot(o.key()).orElseThrow(), null, open))
                .sorted(Comparator.comparing(HotspotView::latest).reversed())
                .toList();
        return CompletableFuture.completedFuture(views);
    }
}
