package cn.jiesu.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.core.console.AgentState;
import cn.jiesu.testkit.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The wallboard over a registry holding only the console's own meters. No stand-in meters: the other tiles are
 * checked against the meters the gateway really registers in {@code WallboardIT} and {@code MetricsIT}.
 */
class WallboardTest {
    // 2026-11-28 10:00 in Beijing.
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T02:00:00Z"));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final InMemoryStores.Agents agentStore = new InMemoryStores.Agents();
    private Vertx vertx;
    private AgentStates agents;
    private Wallboard wallboard;

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
        ConsoleConfig config = ConsoleTestConfig.standard(Map.of());
        agents = new AgentStates(
                vertx.getOrCreateContext(),
                config,
                agentStore,
                QueueControl.none(),
                new AgentSockets(),
                clock,
                registry);
        wallboard = new Wallboard(registry, config.meters(), agents, clock);
    }

    @AfterEach
    void tearDown() {
        vertx.close().await();
    }

    @Test
    @DisplayName("meters that are not registered show as not available, never as zero")
    void notAvailable() {
        JsonObject s = wallboard.snapshot();

        assertThat(s.getValue("callsInIvr")).isNull();
        assertThat(s.getValue("queues")).isNull();
        assertThat(s.getValue("longestWaitS")).isNull();
        assertThat(s.getValue("callbacksDue")).isNull();
        assertThat(s.getValue("callbacksAtRisk")).isNull();
        assertThat(s.getValue("appealsByChannel")).isNull();
        assertThat(s.getValue("appealsByTier")).isNull();
        assertThat(s.getValue("rates")).isNull();
        assertThat(s.getValue("triageReview")).isNull();
    }

    @Test
    @DisplayName("agents by state come from the console.agents gauges /metrics shows")
    void agentsByState() {
        agentStore.put("8001", AgentState.READY, clock.instant());
        agentStore.put("8002", AgentState.PAUSED, clock.instant());
        agents.refresh().await();

        JsonObject s = wallboard.snapshot();

        assertThat(s.getJsonObject("agents").getInteger("READY")).isEqualTo(1);
        assertThat(s.getJsonObject("agents").getInteger("PAUSED")).isEqualTo(1);
        assertThat(registry.get("console.agents").tag("state", "paused").gauge().value())
                .isEqualTo(1.0);
        assertThat(s.getJsonArray("agentList")).hasSize(2);
    }
}
