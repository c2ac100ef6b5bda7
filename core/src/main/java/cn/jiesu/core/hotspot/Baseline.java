package cn.jiesu.core.hotspot;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Expected counts per key, learned from the store's hourly and daily counts: for an hour of the week, the
 * exponentially weighted mean of the same hour in past weeks, shrunk towards a prior (the topic's city-wide rate
 * that hour × the place's share of all appeals over the last 28 days). A street seen for the first time starts
 * at its share; a street that always has more noise than its share learns it within a few weeks.
 *
 * <p>Nothing here is written: the baseline is a function of counts that every instance increments, so instances
 * agree on it without coordination. Results are cached per (key, hour) since a past hour's counts never change
 * the same-hour-of-week estimate of a later hour. Not thread-safe: one per detector.
 */
final class Baseline {
    private static final int HOURS_PER_WEEK = 168;
    private static final int SHARE_DAYS = 28;
    private static final int CACHE_SIZE = 200_000;

    private final HotspotStore store;
    private final HotspotPolicy policy;
    private final Map<HourKey, Double> hourly = lru(CACHE_SIZE);
    private final Map<DayKey, Double> shares = lru(20_000);
    private final Map<Long, double[]> cityWeights = lru(1_000);

    private record HourKey(HotspotKey key, long hour) {}

    private record DayKey(HotspotKey place, long day) {}

    Baseline(HotspotStore store, HotspotPolicy policy) {
        this.store = store;
        this.policy = policy;
    }

    /**
     * The expected count of the key over the {@code slots} slots of {@code resolution} ending with the one holding
     * {@code now}, that last one counted up to {@code now}; NaN while the city has no history for an hour of the
     * week (the detector does not test then).
     */
    double expected(HotspotKey key, Resolution resolution, int slots, Instant now) {
        if (resolution == Resolution.BUCKET) {
            long bucket = Resolution.BUCKET.slot(now);
            return expected(key, bucket - slots + 1, bucket);
        }
        long hour = Resolution.HOUR.slot(now);
        double elapsed =
                (now.toEpochMilli() - Resolution.HOUR.start(hour).toEpochMilli()) / (double) Resolution.HOUR.millis();
        double sum = perHourRate(key, hour) * elapsed;
        for (long h = hour - slots + 1; h < hour; h++) {
            sum += perHourRate(key, h);
        }
        return sum;
    }

    /** The expected count of the key over buckets {@code from..to} (inclusive), whole buckets. */
    double expected(HotspotKey key, long fromBucket, long toBucket) {
        long perHour = Resolution.HOUR.millis() / Resolution.BUCKET.millis();
        double sum = 0;
        long b = fromBucket;
        while (b <= toBucket) {
            long hour = Math.floorDiv(b, perHour);
            long end = Math.min(toBucket, (hour + 1) * perHour - 1);
            double rate = perHourRate(key, hour);
            if (Double.isNaN(rate)) {
                return Double.NaN;
            }
            sum += rate * (end - b + 1) / perHour;
            b = end + 1;
        }
        return sum;
    }

    /** The expected count of the key in one hour slot. */
    double perHourRate(HotspotKey key, long hour) {
        HourKey k = new HourKey(key, hour);
        Double cached = hourly.get(k);
        if (cached == null) {
            cached = compute(key, hour);
            hourly.put(k, cached);
        }
        return cached;
    }

    private double compute(HotspotKey key, long hour) {
        double[] weights = weeks(hour);
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        if (total == 0) {
            return Double.NaN;
        }
        double own = weighted(key, hour, weights);
        double cityTopic = weighted(HotspotKey.city(key.topic()), hour, weights) / total;
        double prior = cityTopic * share(key.allTopics(), hour);
        double rate = (own + policy.priorWeeks() * prior) / (total + policy.priorWeeks());
        return Math.max(rate, policy.floorPerHour());
    }

    /** Each past week's weight for this hour of the week; 0 for weeks the city had no appeals (no history yet). */
    private double[] weeks(long hour) {
        return cityWeights.computeIfAbsent(hour, h -> {
            HotspotKey all = HotspotKey.city(HotspotKey.ALL_TOPICS);
            double[] w = new double[policy.weeks()];
            double weight = 1;
            for (int k = 1; k <= policy.weeks(); k++) {
                long past = h - (long) k * HOURS_PER_WEEK;
                w[k - 1] = store.counts(all, Resolution.HOUR, past, 1)[0] > 0 ? weight : 0;
                weight *= policy.decay();
            }
            return w;
        });
    }

    private double weighted(HotspotKey key, long hour, double[] weights) {
        double sum = 0;
        for (int k = 1; k <= weights.length; k++) {
            if (weights[k - 1] > 0) {
                sum += weights[k - 1] * store.counts(key, Resolution.HOUR, hour - (long) k * HOURS_PER_WEEK, 1)[0];
            }
        }
        return sum;
    }

    /** The place's share of all city appeals over the 28 days before the hour's day. */
    private double share(HotspotKey placeAll, long hour) {
        if (placeAll.level() == HotspotKey.Level.CITY) {
            return 1.0;
        }
        long day = Math.floorDiv(hour * Resolution.HOUR.millis(), Resolution.DAY.millis());
        return shares.computeIfAbsent(new DayKey(placeAll, day), k -> {
            long place = sum(store.counts(placeAll, Resolution.DAY, day - SHARE_DAYS, SHARE_DAYS));
            long city = sum(
                    store.counts(HotspotKey.city(HotspotKey.ALL_TOPICS), Resolution.DAY, day - SHARE_DAYS, SHARE_DAYS));
            // Half an appeal of pseudo-count: a place with no appeals yet gets a small, not a zero, share.
            return city == 0 ? 0.0 : (place + 0.5) / (city + 0.5);
        });
    }

    private static long sum(long[] counts) {
        long s = 0;
        for (long c : counts) {
            s += c;
        }
        return s;
    }

    private static <K, V> Map<K, V> lru(int max) {
        return new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > max;
            }
        };
    }
}
