package cn.jiesu.callbacks;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Gauges present only while they have a value: a rate whose denominator is zero has none (the API says null), so its
 * gauge is not registered until it has one and is removed while it has none. /metrics never shows NaN for it, and
 * the wallboard shows "n/a". Thread-safe.
 */
final class PresentGauges {
    private final MeterRegistry registry;
    private final Map<String, String> descriptions;
    /** The gauges shown now, by name and tags, each with the value it reads. Guarded by {@code this}. */
    private final Map<String, Shown> shown = new HashMap<>();

    /** A registered gauge and its value; the gauge holds the value strongly. */
    private record Shown(Gauge gauge, AtomicReference<Double> value) {}

    /** @param descriptions each gauge name's description */
    PresentGauges(MeterRegistry registry, Map<String, String> descriptions) {
        this.registry = registry;
        this.descriptions = Map.copyOf(descriptions);
    }

    /** Shows {@code value} on the gauge {@code name} with {@code tags}; null removes the gauge. */
    synchronized void show(String name, Tags tags, Double value) {
        String key = name + "|" + tags;
        Shown current = shown.get(key);
        if (value == null) {
            if (current != null) {
                registry.remove(current.gauge());
                shown.remove(key);
            }
            return;
        }
        if (current != null) {
            current.value().set(value);
            return;
        }
        AtomicReference<Double> held = new AtomicReference<>(value);
        Gauge gauge = Gauge.builder(name, held, AtomicReference::get)
                .tags(tags)
                .description(descriptions.get(name))
                .strongReference(true)
                .register(registry);
        shown.put(key, new Shown(gauge, held));
    }
}
