package cn.jiesu.gateway.channels;

import cn.jiesu.channels.ChannelQuota;
import cn.jiesu.gateway.config.ChannelsConfig;
import io.micrometer.core.instrument.Gauge;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Keeps one channel's storm from starving the others: each channel has its own token bucket (burst, then a steady
 * rate) and its own bound on requests in flight (being verified, stored or appended), each with its own limits
 * ({@code channels.quota} and the channel's overrides). A request over either is
 * refused before any work is done, with a Retry-After, and counted as {@code intake.rejected{reason=quota|buffer}}.
 * Gauge {@code intake.inflight{channel}} shows the buffer. Thread-safe.
 */
final class ChannelAdmission {
    /** A refused request waits at least this long when the buffer, not the rate, is full. */
    static final Duration BUFFER_RETRY = Duration.ofSeconds(1);

    private final Clock clock;
    private final Function<String, ChannelsConfig.Quota> limits;
    private final ChannelMetrics metrics;
    private final Map<String, Gate> gates = new ConcurrentHashMap<>();

    /** One channel's bucket, in-flight count and bound. */
    private record Gate(ChannelQuota quota, int maxInFlight, AtomicInteger inFlight) {}

    /** @param limits the admission limits of a channel, by name */
    ChannelAdmission(Clock clock, Function<String, ChannelsConfig.Quota> limits, ChannelMetrics metrics) {
        this.clock = clock;
        this.limits = limits;
        this.metrics = metrics;
    }

    /** The outcome of {@link #admit}: {@code retryAfter} null means admitted, and {@link #release} must follow. */
    record Ticket(String channel, Duration retryAfter, String reason) {
        boolean admitted() {
            return retryAfter == null;
        }
    }

    Ticket admit(String channel) {
        Gate gate = gates.computeIfAbsent(channel, this::gate);
        AtomicInteger n = gate.inFlight();
        if (n.incrementAndGet() > gate.maxInFlight()) {
            n.decrementAndGet();
            metrics.rejected(channel, "buffer");
            return new Ticket(channel, BUFFER_RETRY, "buffer");
        }
        Duration wait = gate.quota().tryAcquire(channel);
        if (!wait.isZero()) {
            n.decrementAndGet();
            metrics.rejected(channel, "quota");
            return new Ticket(channel, wait, "quota");
        }
        return new Ticket(channel, null, null);
    }

    void release(Ticket ticket) {
        if (ticket.admitted()) {
            gates.get(ticket.channel()).inFlight().decrementAndGet();
        }
    }

    private Gate gate(String channel) {
        ChannelsConfig.Quota q = limits.apply(channel);
        AtomicInteger n = new AtomicInteger();
        Gauge.builder("intake.inflight", n, AtomicInteger::get)
                .tag("channel", channel)
                .strongReference(true)
                .description("channel requests being verified, stored or appended")
                .register(metrics.registry());
        return new Gate(new ChannelQuota(clock, q.burst(), q.perSecond()), q.maxInFlight(), n);
    }
}
