package cn.jiesu.gateway.channels;

import cn.jiesu.channels.ChannelQuota;
import io.micrometer.core.instrument.Gauge;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps one channel's storm from starving the others: each channel has its own token bucket (burst, then a steady
 * rate) and its own bound on requests in flight (being verified, stored or appended). A request over either is
 * refused before any work is done, with a Retry-After, and counted as {@code intake.rejected{reason=quota|buffer}}.
 * Gauge {@code intake.inflight{channel}} shows the buffer. Thread-safe.
 */
final class ChannelAdmission {
    /** A refused request waits at least this long when the buffer, not the rate, is full. */
    static final Duration BUFFER_RETRY = Duration.ofSeconds(1);

    private final ChannelQuota quota;
    private final int maxInFlight;
    private final ChannelMetrics metrics;
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();

    ChannelAdmission(ChannelQuota quota, int maxInFlight, ChannelMetrics metrics) {
        this.quota = quota;
        this.maxInFlight = maxInFlight;
        this.metrics = metrics;
    }

    /** The outcome of {@link #admit}: {@code retryAfter} null means admitted, and {@link #release} must follow. */
    record Ticket(String channel, Duration retryAfter, String reason) {
        boolean admitted() {
            return retryAfter == null;
        }
    }

    Ticket admit(String channel) {
        AtomicInteger n = inFlight.computeIfAbsent(channel, this::gauge);
        if (n.incrementAndGet() > maxInFlight) {
            n.decrementAndGet();
            metrics.rejected(channel, "buffer");
            return new Ticket(channel, BUFFER_RETRY, "buffer");
        }
        Duration wait = quota.tryAcquire(channel);
        if (!wait.isZero()) {
            n.decrementAndGet();
            metrics.rejected(channel, "quota");
            return new Ticket(channel, wait, "quota");
        }
        return new Ticket(channel, null, null);
    }

    void release(Ticket ticket) {
        if (ticket.admitted()) {
            inFlight.get(ticket.channel()).decrementAndGet();
        }
    }

    private AtomicInteger gauge(String channel) {
        AtomicInteger n = new AtomicInteger();
        Gauge.builder("intake.inflight", n, AtomicInteger::get).tag("channel", channel)
                .description("channel requests being verified, stored or appended").register(metrics.registry());
        return n;
    }
}
