package cn.jiesu.bench.callback;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/** Every attempt's lateness after its due time, kept exactly (a few hundred thousand longs), with percentiles. */
final class LatencyLog {
    private final long[] nanos;
    private final AtomicInteger size = new AtomicInteger();

    LatencyLog(int capacity) {
        nanos = new long[capacity];
    }

    void add(long latenessNanos) {
        int i = size.getAndIncrement();
        if (i < nanos.length) {
            nanos[i] = latenessNanos;
        }
    }

    /** Prints p50/p99/p99.9/max in simulated seconds and in wall-clock milliseconds (simulated / rate). */
    static void print(LatencyLog log, double rate) {
        int n = Math.min(log.size.get(), log.nanos.length);
        long[] v = Arrays.copyOf(log.nanos, n);
        Arrays.sort(v);
        if (n == 0) {
            System.out.println("lateness: no attempts");
            return;
        }
        System.out.printf(
                Locale.ROOT,
                "lateness after due, %d attempts: simulated p50 %.3f s, p99 %.3f s,"
                        + " p99.9 %.3f s, max %.1f s; wall-clock p50 %.2f ms, p99 %.2f ms, max %.1f ms%n",
                n,
                at(v, 0.5) / 1e9,
                at(v, 0.99) / 1e9,
                at(v, 0.999) / 1e9,
                v[n - 1] / 1e9,
                at(v, 0.5) / rate / 1e6,
                at(v, 0.99) / rate / 1e6,
                v[n - 1] / rate / 1e6);
    }

    private static long at(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }
}
