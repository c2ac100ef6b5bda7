package cn.jiesu.callbacks;

import cn.jiesu.core.rates.RateCounts;
import cn.jiesu.core.rates.RatePeriod;
import cn.jiesu.core.rates.RateScope;
import cn.jiesu.core.rates.RateStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * 三率 by district as metrics: gauges {@code rates.district.response|resolution|satisfaction} tagged
 * {@code district} (the gazetteer's districts and {@value RateScope#UNKNOWN}, a closed set) and
 * {@code period=day|week|month} (the period containing today, up to today, as in {@link RateGauges}). Names of their own, because Prometheus's registry
 * wants one tag set per name and {@code rates.*} has only {@code period}. As in {@link RateGauges}, a gauge exists
 * only while its rate has a denominator. {@link #refresh} runs on a loop of the composition root's.
 */
public final class DistrictRateGauges {
    private static final Map<String, String> DESCRIPTIONS = Map.of(
            "rates.district.response", "响应率 of a district: appeals first answered within their deadline / due",
            "rates.district.resolution", "解决率 of a district: resolved / handled",
            "rates.district.satisfaction", "满意率 of a district: (satisfied + basically satisfied) / rated");

    private final RateStore rates;
    private final List<String> districts;
    private final ZoneId zone;
    private final Clock clock;
    private final PresentGauges gauges;

    /** @param districts the gazetteer's district names; {@value RateScope#UNKNOWN} is added */
    public DistrictRateGauges(
            RateStore rates, List<String> districts, ZoneId zone, Clock clock, MeterRegistry registry) {
        this.rates = rates;
        List<String> all = new ArrayList<>(districts);
        all.add(RateScope.UNKNOWN);
        this.districts = List.copyOf(all);
        this.zone = zone;
        this.clock = clock;
        this.gauges = new PresentGauges(registry, DESCRIPTIONS);
    }

    /** Reads every district's current periods at once and shows the rates that have a denominator. */
    public void refresh() throws Exception {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        Map<String, CompletableFuture<RateCounts>> reads = new LinkedHashMap<>();
        for (String d : districts) {
            for (RatePeriod p : RatePeriod.values()) {
                reads.put(
                        d + "|" + p.name(),
                        rates.counts(p.start(today), today, d, null).toCompletableFuture());
            }
        }
        CompletableFuture.allOf(reads.values().toArray(CompletableFuture[]::new))
                .get(10, TimeUnit.SECONDS);
        for (String d : districts) {
            for (RatePeriod p : RatePeriod.values()) {
                RateCounts c = reads.get(d + "|" + p.name()).join();
                show("rates.district.response", d, p, c.responseRate());
                show("rates.district.resolution", d, p, c.resolutionRate());
                show("rates.district.satisfaction", d, p, c.satisfactionRate());
            }
        }
    }

    private void show(String name, String district, RatePeriod period, Double rate) {
        gauges.show(name, Tags.of("district", district, "period", period.name().toLowerCase(Locale.ROOT)), rate);
    }
}
