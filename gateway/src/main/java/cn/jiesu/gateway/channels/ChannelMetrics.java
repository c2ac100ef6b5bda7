package cn.jiesu.gateway.channels;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The channel edge's meters: {@code intake.rejected{channel,reason}} (quota, buffer, unavailable, or the adapter's
 * error code such as invalid_signature), {@code intake.accepted{channel,duplicate}} and
 * {@code intake.acked{channel,kind}} (handshakes and events that make no appeal). Tags come from fixed sets:
 * channel names and the adapters' error codes. Thread-safe.
 */
final class ChannelMetrics {
    private static final Map<String, String> DESCRIPTIONS = Map.of(
            "intake.rejected",
            "Requests a channel refused, by why: quota, buffer, unavailable (Redis down: 503) or the error code",
            "intake.accepted",
            "Appeals a channel accepted and stored, by whether they repeated an earlier one",
            "intake.acked",
            "Requests a channel answered without making an appeal (handshakes, events), by kind");

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    ChannelMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A route serves {@code channel}: its refusals for an unavailable store exist from now (an alert's rate needs 0). */
    void served(String channel) {
        counter("intake.rejected", "channel", channel, "reason", "unavailable");
    }

    void rejected(String channel, String reason) {
        counter("intake.rejected", "channel", channel, "reason", reason == null ? "unknown" : reason)
                .increment();
    }

    void accepted(String channel, boolean duplicate) {
        counter("intake.accepted", "channel", channel, "duplicate", Boolean.toString(duplicate))
                .increment();
    }

    void acked(String channel, String kind) {
        counter("intake.acked", "channel", channel, "kind", kind).increment();
    }

    MeterRegistry registry() {
        return registry;
    }

    private Counter counter(String name, String k1, String v1, String k2, String v2) {
        return counters.computeIfAbsent(
                name + '|' + v1 + '|' + v2,
                k -> Counter.builder(name)
                        .description(DESCRIPTIONS.get(name))
                        .tags(k1, v1, k2, v2)
                        .register(registry));
    }
}
