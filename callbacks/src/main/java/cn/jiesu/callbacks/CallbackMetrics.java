package cn.jiesu.callbacks;

import cn.jiesu.core.callback.CallbackOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The scheduler's meters: {@code callbacks.placed{outcome}}, {@code callbacks.late}, {@code callbacks.lateness},
 * {@code callbacks.dialing} (this instance's attempts in flight), {@code callbacks.reclaimed{result}}. The gauges of
 * the shared schedule ({@code callbacks.at.risk}, {@code trunk.in.use}) belong to {@link BreachWatch}. Thread-safe.
 */
final class CallbackMetrics {
    private final MeterRegistry registry;
    private final Map<CallbackOutcome, Counter> placed = new EnumMap<>(CallbackOutcome.class);
    private final Counter late;
    private final Timer lateness;

    CallbackMetrics(MeterRegistry registry, Map<String, ?> inFlight) {
        this.registry = registry;
        for (CallbackOutcome o : CallbackOutcome.values()) {
            placed.put(
                    o,
                    Counter.builder("callbacks.placed")
                            .tag("outcome", o.name().toLowerCase(Locale.ROOT))
                            .description("Callback attempts placed, by how they ended")
                            .register(registry));
        }
        late = Counter.builder("callbacks.late")
                .description("Attempts placed after their callback's placeBy")
                .register(registry);
        lateness = Timer.builder("callbacks.lateness")
                .description("From when an attempt was due to when it was placed")
                // Buckets (aggregatable over instances) from a second to the 2-hour rule and a day.
                .serviceLevelObjectives(
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(10),
                        Duration.ofMinutes(1),
                        Duration.ofMinutes(5),
                        Duration.ofMinutes(15),
                        Duration.ofMinutes(30),
                        Duration.ofHours(1),
                        Duration.ofHours(2),
                        Duration.ofHours(6),
                        Duration.ofHours(24))
                .register(registry);
        Gauge.builder("callbacks.dialing", inFlight, Map::size)
                .strongReference(true)
                .description("Attempts this instance is placing or settling now")
                .register(registry);
    }

    void placed(Duration lateBy, boolean afterPlaceBy) {
        lateness.record(lateBy);
        if (afterPlaceBy) {
            late.increment();
        }
    }

    void ended(CallbackOutcome outcome) {
        placed.get(outcome).increment();
    }

    void reclaimed(String result) {
        registry.counter("callbacks.reclaimed", "result", result).increment();
    }
}
