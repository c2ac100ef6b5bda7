package cn.jiesu.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FreeAgentGaugesTest {
    @Test
    @DisplayName("one gauge per target queue, reading the tracker's count at scrape time; 0 for an unknown queue")
    void gaugesFollowTheCount() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AtomicReference<Map<String, Integer>> free = new AtomicReference<>(Map.of());
        FreeAgentGauges.register(registry, free::get, List.of("general", "priority", "general"));

        assertThat(registry.find("callbacks.agents.free").gauges()).hasSize(2);
        assertThat(value(registry, "general")).isZero();
        free.set(Map.of("general", 3, "priority", 1));
        assertThat(value(registry, "general")).isEqualTo(3);
        assertThat(value(registry, "priority")).isEqualTo(1);
        free.set(Map.of("general", 0));
        assertThat(value(registry, "priority")).isZero();
    }

    private static double value(SimpleMeterRegistry registry, String queue) {
        return registry.get("callbacks.agents.free").tag("queue", queue).gauge().value();
    }
}
