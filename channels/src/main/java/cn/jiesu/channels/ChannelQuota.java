package cn.jiesu.channels;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Per-key token buckets for the 429 answer: each key (a channel name or an API client id; keep the key set bounded,
 * never a phone number or an IP) may burst up to {@code burst} requests and then {@code perSecond}. Thread-safe.
 */
public final class ChannelQuota {
    private final Clock clock;
    private final int burst;
    private final double perSecond;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public ChannelQuota(Clock clock, int burst, double perSecond) {
        if (burst < 1 || !(perSecond > 0)) {
            throw new IllegalArgumentException("quota: burst must be >= 1 and perSecond > 0");
        }
        this.clock = clock;
        this.burst = burst;
        this.perSecond = perSecond;
    }

    /** Takes a token: {@link Duration#ZERO} when allowed, else how long until the next token (for Retry-After). */
    public Duration tryAcquire(String key) {
        return buckets.computeIfAbsent(key, k -> new Bucket(burst, clock.millis()))
                .take(clock.millis());
    }

    /** The JSON 429 with a {@code Retry-After} in whole seconds (at least 1). */
    public static ChannelResult.Rejected tooManyRequests(String field, Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        ChannelResult.Rejected r =
                ErrorReplies.json(429, "quota_exceeded", field, "quota exceeded, retry after " + seconds + " s");
        return new ChannelResult.Rejected(
                429, r.code(), field, r.message(), r.reply().withHeader("Retry-After", Long.toString(seconds)));
    }

    private final class Bucket {
        private double tokens;
        private long lastMillis;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.lastMillis = now;
        }

        synchronized Duration take(long now) {
            tokens = Math.min(burst, tokens + Math.max(0, now - lastMillis) * perSecond / 1000.0);
            lastMillis = Math.max(lastMillis, now);
            if (tokens >= 1) {
                tokens -= 1;
                return Duration.ZERO;
            }
            return Duration.ofMillis((long) Math.ceil((1 - tokens) * 1000.0 / perSecond));
        }
    }
}
