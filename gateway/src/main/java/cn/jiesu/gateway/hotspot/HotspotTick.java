package cn.jiesu.gateway.hotspot;

import cn.jiesu.core.hotspot.HotspotDetector;
import cn.jiesu.core.hotspot.HotspotStore;

/**
 * One round of the {@code hotspot-tick} loop: closes the hotspots whose rate is back to normal (every instance
 * ticks; the store closes each hotspot once, so one instance reports it) and refreshes the open gauges.
 */
final class HotspotTick {
    private final HotspotDetector detector;
    private final HotspotStore store;
    private final HotspotObserver publisher;
    private final HotspotMetrics metrics;

    HotspotTick(HotspotDetector detector, HotspotStore store, HotspotObserver publisher, HotspotMetrics metrics) {
        this.detector = detector;
        this.store = store;
        this.publisher = publisher;
        this.metrics = metrics;
    }

    void run() {
        publisher.publish(detector.tick());
        metrics.open(store.openHotspots());
    }
}
