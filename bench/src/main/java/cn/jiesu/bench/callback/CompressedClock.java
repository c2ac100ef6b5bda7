package cn.jiesu.bench.callback;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * A clock that runs {@code rate} times faster than real time from {@code start}, so a simulated day passes in
 * minutes. Thread-safe; monotonic (it reads {@link System#nanoTime()}).
 */
final class CompressedClock extends Clock {
    private final Instant start;
    private final double rate;
    private final long originNanos;
    private final ZoneId zone;

    CompressedClock(Instant start, double rate, ZoneId zone) {
        this.start = start;
        this.rate = rate;
        this.zone = zone;
        this.originNanos = System.nanoTime();
    }

    double rate() {
        return rate;
    }

    @Override
    public Instant instant() {
        return start.plusNanos((long) ((System.nanoTime() - originNanos) * rate));
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId z) {
        return new CompressedClock(start, rate, z);
    }
}
