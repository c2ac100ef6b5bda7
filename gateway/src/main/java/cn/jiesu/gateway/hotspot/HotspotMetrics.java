package cn.jiesu.gateway.hotspot;

import cn.jiesu.core.hotspot.HotspotEvent;
import cn.jiesu.core.hotspot.HotspotEvent.HotspotOpened;
import cn.jiesu.core.hotspot.HotspotKey;
import cn.jiesu.core.hotspot.OpenHotspot;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The hotspot meters: {@code hotspots.open{level}} (open now, city-wide: every instance reads the shared state, so
 * dashboards take the max), {@code hotspots.opened{level}} (opened by this instance), {@code hotspots.observe} (time
 * to count one appeal, Redis included), {@code hotspots.events.failed} (events the stream did not take) and
 * {@code hotspots.untested} (window tests skipped for lack of history).
 * Thread-safe.
 */
final class HotspotMetrics {
    private static final List<HotspotKey.Level> LEVELS = List.of(HotspotKey.Level.STREET, HotspotKey.Level.DISTRICT);

    private final Map<HotspotKey.Level, AtomicLong> open = new EnumMap<>(HotspotKey.Level.class);
    private final Map<HotspotKey.Level, Counter> opened = new EnumMap<>(HotspotKey.Level.class);
    private final Timer observe;
    private final Counter eventsFailed;
    private final Counter untested;
    private final AtomicLong detecting = new AtomicLong();

    HotspotMetrics(MeterRegistry registry) {
        for (HotspotKey.Level level : LEVELS) {
            String tag = level.name().toLowerCase(Locale.ROOT);
            AtomicLong n = new AtomicLong();
            open.put(level, n);
            Gauge.builder("hotspots.open", n, AtomicLong::get)
                    .description("Hotspots open now, city-wide (未诉先办), by level: street or district")
                    .tag("level", tag)
                    .strongReference(true)
                    .register(registry);
            opened.put(
                    level,
                    Counter.builder("hotspots.opened")
                            .description("Hotspots this instance opened, by level")
                            .tag("level", tag)
                            .register(registry));
        }
        observe = Timer.builder("hotspots.observe")
                .description("Time to count one appeal in the hotspot detector, on what its batch prefetched")
                // Buckets (aggregatable over instances): tens of microseconds in memory, more on a cold page read.
                .serviceLevelObjectives(
                        Duration.ofNanos(10_000),
                        Duration.ofNanos(50_000),
                        Duration.ofNanos(100_000),
                        Duration.ofNanos(500_000),
                        Duration.ofMillis(1),
                        Duration.ofMillis(5),
                        Duration.ofMillis(25),
                        Duration.ofMillis(100),
                        Duration.ofSeconds(1))
                .register(registry);
        eventsFailed = Counter.builder("hotspots.events.failed")
                .description("Hotspot events that could not be appended to the hotspots stream")
                .register(registry);
        Gauge.builder("hotspots.detecting", detecting, AtomicLong::get)
                .description("1 while this instance holds the detector's lease and detects hotspots, else 0; summed"
                        + " over the instances with hotspots.enabled it should be 1")
                .strongReference(true)
                .register(registry);
        untested = Counter.builder("hotspots.untested")
                .description("Window tests skipped: the city had no appeals in that hour of the week in the"
                        + " baseline's past weeks (import history, docs/import-history.md)")
                .register(registry);
    }

    void untested(long n) {
        untested.increment(n);
    }

    void observed(long nanos, List<HotspotEvent> events) {
        observe.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        for (HotspotEvent e : events) {
            if (e instanceof HotspotOpened o) {
                Counter c = opened.get(o.hotspot().opened().key().level());
                if (c != null) {
                    c.increment();
                }
            }
        }
    }

    void detecting(boolean now) {
        detecting.set(now ? 1 : 0);
    }

    void eventFailed() {
        eventsFailed.increment();
    }

    void open(List<OpenHotspot> all) {
        for (HotspotKey.Level level : LEVELS) {
            open.get(level)
                    .set(all.stream().filter(h -> h.key().level() == level).count());
        }
    }
}
