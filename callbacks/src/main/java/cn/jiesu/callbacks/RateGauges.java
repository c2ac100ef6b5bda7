package cn.jiesu.callbacks;

import cn.jiesu.core.rates.RateCounts;
import cn.jiesu.core.rates.RatePeriod;
import cn.jiesu.core.rates.RateStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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
    private final PresentGauges gauges;

    public RateGauges(RateStore rates, ZoneId zone, Clock clock, MeterRegistry registry) {
        this.rates = rates;
        this.zone = zone;
        this.clock = clock;
        this.gauges = new PresentGauges(registry, DESCRIPTIONS);
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

    private void show(String name, RatePeriod period, Double rate) {
        gauges.show(name, Tags.of("period", period.name().toLowerCase(Locale.ROOT)), rate);
    }
}
