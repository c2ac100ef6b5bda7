package cn.jiesu.callbacks;

import cn.jiesu.core.rates.RateCounts;
import cn.jiesu.core.rates.RatePeriod;
import cn.jiesu.core.rates.RateStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * 三率 as metrics: gauges {@code rates.response}, {@code rates.resolution}, {@code rates.satisfaction} tagged
 * {@code period=day|week|month} (overall, the period containing today up to today: its later days hold deadlines
 * nobody could have met yet, which would sink 响应率 early in a week or month), refreshed from the store by {@link #refresh},
 * which the composition root runs on a loop of its own thread. A rate whose denominator is zero has no value (the API
 * says null), so its gauge is not registered until it has one, and removed while it has none: /metrics never shows
 * NaN for it, and the wallboard shows "n/a".
 */
public final class RateGauges {
    private static final Map<String, String> DESCRIPTIONS = Map.of(
            "rates.response", "响应率: appeals first answered within their deadline / appeals due",
            "rates.resolution", "解决率: resolved / handled",
            "rates.satisfaction", "满意率: (satisfied + basically satisfied) / rated");

    private final RateStore rates;
    private final ZoneId zone;
    private final Clock clock;
    private final MeterRegistry registry;
    /** The gauges shown now, by name and period, each with the value it reads. Guarded by {@code this}. */
    private final Map<String, Shown> shown = new HashMap<>();

    /** A registered rate gauge and its value; the gauge holds the value strongly. */
    private record Shown(Gauge gauge, AtomicReference<Double> value) {}

    public RateGauges(RateStore rates, ZoneId zone, Clock clock, MeterRegistry registry) {
        this.rates = rates;
        this.zone = zone;
        this.clock = clock;
        this.registry = registry;
    }

    /** Reads the current periods' counts once and shows the rates that have a denominator. */
    public void refresh() throws Exception {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        for (RatePeriod p : RatePeriod.values()) {
            RateCounts c = rates.counts(p.start(today), today, null, null)
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            show("rates.response", p, c.responseRate());
            show("rates.resolution", p, c.resolutionRate());
            show("rates.satisfaction", p, c.satisfactionRate());
        }
    }

    private synchronized void show(String name, RatePeriod period, Double rate) {
        String tag = period.name().toLowerCase(Locale.ROOT);
        String key = name + "|" + tag;
        Shown current = shown.get(key);
        if (rate == null) {
            if (current != null) {
                registry.remove(current.gauge());
                shown.remove(key);
            }
            return;
        }
        if (current != null) {
            current.value().set(rate);
            return;
        }
        AtomicReference<Double> value = new AtomicReference<>(rate);
        Gauge gauge = Gauge.builder(name, value, AtomicReference::get)
                .tag("period", tag)
                .description(DESCRIPTIONS.get(name))
                .strongReference(true)
                .register(registry);
        shown.put(key, new Shown(gauge, value));
    }
}
