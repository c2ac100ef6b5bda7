package cn.jiesu.redis.hotspot;

import java.time.Duration;
import java.util.List;

/**
 * When a write that marks appeals observed also trims the markers ({@code flush.lua}, {@code log.lua}): those older
 * than {@link ObservedAppeals#KEEP} go once an hour per writer, and the set expires an hour past that after its
 * last trim. Not thread-safe.
 */
final class SeenTrim {
    private static final long EVERY_MILLIS = Duration.ofHours(1).toMillis();

    private long last = Long.MIN_VALUE / 2;

    /** Appends the two arguments: the oldest score kept and the set's expiry in ms, or "0", "0" between trims. */
    void add(List<String> args, long now) {
        // An hour since the last trim, or the clock went back: trim now.
        boolean due = now - last >= EVERY_MILLIS || now < last;
        if (due) {
            last = now;
        }
        args.add(due ? Long.toString(now - ObservedAppeals.KEEP.toMillis()) : "0");
        args.add(due ? Long.toString(ObservedAppeals.KEEP.plusHours(1).toMillis()) : "0");
    }

    /** After a failed write: trim with the next one. */
    void forget() {
        last = Long.MIN_VALUE / 2;
    }
}
