package cn.jiesu.gateway.console;

import java.time.Clock;
import java.time.Duration;

/**
 * This instance's ration of password checks: a token bucket of {@code perSecond} (bursting to one second's worth)
 * and at most {@code slots} sign-ins in progress at once (the PBKDF2 workers plus their queue). PBKDF2 is CPU-heavy
 * by design, so without a ration a flood of sign-ins takes the cores from everything else the gateway serves (32/s
 * took the app API's p99 from 9 to 177 ms). Thread-safe.
 */
final class CheckBudget {
    private final Clock clock;
    private final double perSecond;
    private final int slots;
    private double tokens;
    private long lastMillis;
    private int inUse;

    CheckBudget(Clock clock, int perSecond, int slots) {
        if (perSecond < 1 || slots < 1) {
            throw new IllegalArgumentException("perSecond and slots must be at least 1");
        }
        this.clock = clock;
        this.perSecond = perSecond;
        this.slots = slots;
        this.tokens = perSecond;
        this.lastMillis = clock.millis();
    }

    /**
     * Takes a token and a slot: {@link Duration#ZERO} when admitted (then {@link #release} once done), else how
     * long until a token is likely free (for Retry-After).
     */
    synchronized Duration admit() {
        long now = clock.millis();
        tokens = Math.min(perSecond, tokens + Math.max(0, now - lastMillis) * perSecond / 1000.0);
        lastMillis = Math.max(lastMillis, now);
        if (inUse >= slots) {
            // The workers are behind: roughly one token's time lets one of the queued checks finish.
            return Duration.ofMillis((long) Math.ceil(1000.0 / perSecond));
        }
        if (tokens < 1) {
            return Duration.ofMillis((long) Math.ceil((1 - tokens) * 1000.0 / perSecond));
        }
        tokens -= 1;
        inUse++;
        return Duration.ZERO;
    }

    /** Gives back the token of an admitted sign-in that ran no check (its address had to wait). */
    synchronized void refund() {
        tokens = Math.min(perSecond, tokens + 1);
    }

    /** Frees the slot of an admitted sign-in, whatever became of it. */
    synchronized void release() {
        inUse = Math.max(0, inUse - 1);
    }
}
