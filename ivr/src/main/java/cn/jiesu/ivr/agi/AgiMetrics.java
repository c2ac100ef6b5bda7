package cn.jiesu.ivr.agi;

import cn.jiesu.ivr.flow.FlowResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The FastAGI server's meters: {@code agi.sessions.active}, {@code agi.session.duration{script,outcome}},
 * {@code agi.command.latency{command}} (one AGI round trip) and {@code agi.errors{kind}}. Tags come from closed
 * sets (script names from ivr.yaml, AGI verbs, error kinds), never from callers. Thread-safe.
 */
final class AgiMetrics {
    /** Histogram buckets (aggregatable over instances): an IVR call lasts seconds to minutes. */
    private static final Duration[] SESSION_BUCKETS = {
        Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofSeconds(60),
        Duration.ofSeconds(120), Duration.ofSeconds(300), Duration.ofSeconds(600), Duration.ofSeconds(1800)
    };
    /** A command is a round trip (milliseconds) or a prompt waiting for digits (seconds). */
    private static final Duration[] COMMAND_BUCKETS = {
        Duration.ofMillis(5), Duration.ofMillis(25), Duration.ofMillis(100), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(60)
    };

    private final MeterRegistry registry;
    private final AtomicInteger active;
    private final Map<String, Timer> commands = new ConcurrentHashMap<>();
    private final Map<String, Counter> errors = new ConcurrentHashMap<>();

    AgiMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.active = new AtomicInteger();
        // strong: MeterRegistry.gauge holds its object weakly
        Gauge.builder("agi.sessions.active", active, AtomicInteger::get)
                .strongReference(true)
                .register(registry);
    }

    void sessionStarted() {
        active.incrementAndGet();
    }

    void sessionEnded(String script, FlowResult result, long nanos) {
        active.decrementAndGet();
        Timer.builder("agi.session.duration")
                .tag("script", script)
                .tag("outcome", result.outcome())
                .serviceLevelObjectives(SESSION_BUCKETS)
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
        if (result instanceof FlowResult.Failed failed) {
            error(failed.kind());
        }
    }

    /** One AGI command round trip, by verb ({@code set-variable}, {@code get-data}, ...). */
    void command(String verb, long nanos) {
        commands.computeIfAbsent(
                        verb,
                        v -> Timer.builder("agi.command.latency")
                                .tag("command", v)
                                .serviceLevelObjectives(COMMAND_BUCKETS)
                                .register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    void error(String kind) {
        errors.computeIfAbsent(
                        kind, k -> Counter.builder("agi.errors").tag("kind", k).register(registry))
                .increment();
    }

    int active() {
        return active.get();
    }
}
