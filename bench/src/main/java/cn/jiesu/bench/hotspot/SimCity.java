package cn.jiesu.bench.hotspot;

import cn.jiesu.core.hotspot.HotspotAppeal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A synthetic Beijing: 16 districts, 340 street-level units (D03-S12) weighted unevenly by population, ~60,000
 * appeals a day with the 12345 hourly shape (peaks 9-11 and 14-16, low 2-6), weekends at 80 %, and a winter topic
 * mix in which 40 % of appeals carry no place-bound topic. Each topic's volume also swings from day to day (gamma,
 * ±20 %: weather, holidays), so counts are over-dispersed as real ones are. Times are Beijing local time written as
 * UTC instants, which only shifts the calendar.
 */
final class SimCity {
    static final int DISTRICTS = 16;
    static final int STREETS = 340;
    static final double PER_DAY = 60_000;
    /** Relative appeals per hour, 00:00 to 23:00. */
    static final double[] HOURS = {
        1.2, 0.8, 0.5, 0.4, 0.4, 0.6, 1.5, 3, 6, 8, 8.5, 7.5, 5.5, 6.5, 8, 8.5, 7.5, 6.5, 5, 4.5, 4, 3.5, 2.5, 1.8
    };
    /** Winter mix: share of all appeals per topic (the rest have none). */
    static final Map<String, Double> WINTER = Map.ofEntries(
            Map.entry("heating", 0.12),
            Map.entry("noise", 0.06),
            Map.entry("garbage", 0.05),
            Map.entry("property-title", 0.04),
            Map.entry("traffic", 0.04),
            Map.entry("water", 0.03),
            Map.entry("power", 0.025),
            Map.entry("gas", 0.015),
            Map.entry("lighting", 0.02),
            Map.entry("parking", 0.03),
            Map.entry("vendors", 0.02),
            Map.entry("road", 0.02),
            Map.entry("elevator", 0.015),
            Map.entry("leak", 0.015),
            Map.entry("construction", 0.02),
            Map.entry("fumes", 0.01),
            Map.entry("drainage", 0.01),
            Map.entry("greenery", 0.005));

    final String[] district = new String[STREETS];
    final String[] street = new String[STREETS];
    private final double[] streetCdf = new double[STREETS];
    private final String[] topics;
    private final double[] topicShare;
    private final Random random;
    private final Map<String, Double> dayFactor = new HashMap<>();
    private long seq;

    SimCity(long seed) {
        random = new Random(seed);
        // Districts get 12-30 streets; street populations are lognormal (σ 0.8): the biggest ~10x the smallest.
        Random layout = new Random(7); // the same city for every seed; only the appeals differ
        double total = 0;
        for (int i = 0; i < STREETS; i++) {
            int d = i * DISTRICTS / STREETS;
            district[i] = String.format("D%02d", d + 1);
            street[i] = String.format("D%02d-S%02d", d + 1, i - firstStreet(d) + 1);
            total += Math.exp(0.8 * layout.nextGaussian());
            streetCdf[i] = total;
        }
        for (int i = 0; i < STREETS; i++) {
            streetCdf[i] /= total;
        }
        topics = WINTER.keySet().stream().sorted().toArray(String[]::new);
        topicShare = new double[topics.length];
        for (int i = 0; i < topics.length; i++) {
            topicShare[i] = WINTER.get(topics[i]);
        }
    }

    static int firstStreet(int d) {
        return (d * STREETS + DISTRICTS - 1) / DISTRICTS;
    }

    /** The background appeals of one hour, in time order. */
    List<HotspotAppeal> hour(Instant start) {
        var t = start.atOffset(ZoneOffset.UTC);
        if (t.getHour() == 0) {
            dayFactor.clear();
            for (String topic : topics) {
                dayFactor.put(topic, gamma(25) / 25);
            }
        }
        double hourSum = 0;
        for (double h : HOURS) {
            hourSum += h;
        }
        boolean weekend = t.getDayOfWeek() == DayOfWeek.SATURDAY || t.getDayOfWeek() == DayOfWeek.SUNDAY;
        double mean = PER_DAY * HOURS[t.getHour()] / hourSum * (weekend ? 0.8 : 1.0);
        int n = poisson(mean);
        long[] ms = new long[n];
        for (int i = 0; i < n; i++) {
            ms[i] = start.toEpochMilli() + (long) (random.nextDouble() * 3_600_000);
        }
        Arrays.sort(ms);
        List<HotspotAppeal> out = new ArrayList<>(n);
        for (long m : ms) {
            int s = pickStreet();
            out.add(new HotspotAppeal("B" + (++seq), Instant.ofEpochMilli(m), pickTopic(), district[s], street[s]));
        }
        return out;
    }

    int pickStreet() {
        double u = random.nextDouble();
        int i = Arrays.binarySearch(streetCdf, u);
        return Math.min(STREETS - 1, i >= 0 ? i : -i - 1);
    }

    private Set<String> pickTopic() {
        double u = random.nextDouble();
        for (int i = 0; i < topics.length; i++) {
            u -= topicShare[i] * dayFactor.getOrDefault(topics[i], 1.0);
            if (u < 0) {
                return Set.of(topics[i]);
            }
        }
        return Set.of();
    }

    int poisson(double mean) {
        return poisson(mean, random);
    }

    static int poisson(double mean, Random random) {
        if (mean > 50) {
            return Math.max(0, (int) Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
        }
        double l = Math.exp(-mean);
        int k = 0;
        double p = random.nextDouble();
        while (p > l) {
            k++;
            p *= random.nextDouble();
        }
        return k;
    }

    /** Gamma(shape, 1) by Marsaglia-Tsang (shape ≥ 1). */
    private double gamma(double shape) {
        double d = shape - 1.0 / 3, c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = random.nextGaussian();
            double v = Math.pow(1 + c * x, 3);
            if (v > 0 && Math.log(random.nextDouble()) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }

    Random random() {
        return random;
    }
}
