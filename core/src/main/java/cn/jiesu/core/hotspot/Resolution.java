package cn.jiesu.core.hotspot;

import java.time.Duration;
import java.time.Instant;

/**
 * The slot sizes counts are kept at. 5-minute buckets make the sliding windows (a window is a run of whole
 * buckets, so instances agree on it and the state is a handful of integers per key); hours feed the hour-of-week
 * baseline; days give each place its share of city volume. A slot is an index since the epoch.
 */
public enum Resolution {
    BUCKET(Duration.ofMinutes(5), Duration.ofHours(25)),
    HOUR(Duration.ofHours(1), Duration.ofDays(7L * 9)),
    DAY(Duration.ofDays(1), Duration.ofDays(40));

    private final long millis;
    private final Duration retention;

    Resolution(Duration size, Duration retention) {
        this.millis = size.toMillis();
        this.retention = retention;
    }

    public long slot(Instant t) {
        return Math.floorDiv(t.toEpochMilli(), millis);
    }

    public Instant start(long slot) {
        return Instant.ofEpochMilli(slot * millis);
    }

    public long millis() {
        return millis;
    }

    /** How long a store must keep a slot (a Redis implementation sets it as the key's expiry). */
    public Duration retention() {
        return retention;
    }
}
