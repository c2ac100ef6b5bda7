package cn.jiesu.bench.callback;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;

/**
 * When appeals arrive over a 12345 day: an hourly weight profile (quiet night, a morning ramp, peaks at 9–11 and
 * 14–16), sampled into sorted arrival instants from midnight.
 */
final class DayProfile {
    /** Relative calls per hour, 00:00 to 23:00. */
    static final int[] WEIGHTS = {1, 1, 1, 1, 1, 1, 2, 4, 8, 9, 9, 8, 6, 7, 9, 9, 8, 7, 5, 4, 3, 3, 2, 1};

    private DayProfile() {}

    static Instant[] arrivals(Instant midnight, int n, Random random) {
        int total = Arrays.stream(WEIGHTS).sum();
        Instant[] out = new Instant[n];
        for (int i = 0; i < n; i++) {
            int pick = random.nextInt(total);
            int hour = 0;
            while (pick >= WEIGHTS[hour]) {
                pick -= WEIGHTS[hour];
                hour++;
            }
            long ms = hour * 3_600_000L + random.nextInt(3_600_000);
            out[i] = midnight.plus(Duration.ofMillis(ms));
        }
        Arrays.sort(out);
        return out;
    }

    /** The share of the day's appeals in its busiest hour. */
    static double peakHourShare() {
        return (double) Arrays.stream(WEIGHTS).max().orElseThrow()
                / Arrays.stream(WEIGHTS).sum();
    }
}
