package cn.jiesu.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.core.console.AgentState;
import cn.jiesu.gateway.support.MutableClock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

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
        agents = new AgentStates(vertx.getOrCreateContext(), config, agentStore, QueueControl.none(),
                new AgentSockets(), clock, registry);
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
        assertThat(s.getValue("callbacksAtRisk")).isNull();
        assertThat(s.getValue("appealsByChannel")).isNull();
        assertThat(s.getValue("rates")).isNull();
    }

    @Test
    @DisplayName("queue gauges, the longest wait, 三率 and agents by state come from the registry by name")
    void readsMeters() {
        Gauge.builder("queue.waiting", () -> 4).tag("queue", "hotline-general").register(registry);
        Gauge.builder("queue.waiting", () -> 1).tag("queue", "hotline-priority").register(registry);
        Gauge.builder("queue.longest.wait.seconds", () -> 95).tag("queue", "hotline-general").register(registry);
        Gauge.builder("queue.longest.wait.seconds", () -> 20).tag("queue", "hotline-priority").register(registry);
        Gauge.builder("calls.in.ivr", () -> 7).register(registry);
        Gauge.builder("callbacks.at.risk", () -> 2).register(registry);
        Gauge.builder("rates", () -> 0.93).tag("rate", "satisfaction").register(registry);
        agentStore.put("8001", AgentState.READY, clock.instant());
        agentStore.put("8002", AgentState.PAUSED, clock.instant());
        agents.refresh().await();

        JsonObject s = wallboard.snapshot();

        assertThat(s.getDouble("callsInIvr")).isEqualTo(7.0);
        assertThat(s.getJsonArray("queues")).hasSize(2);
        assertThat(s.getLong("longestWaitS")).isEqualTo(95);
        assertThat(s.getDouble("callbacksAtRisk")).isEqualTo(2.0);
        assertThat(s.getJsonObject("rates").getDouble("satisfaction")).isEqualTo(0.93);
        assertThat(s.getJsonObject("agents").getInteger("READY")).isEqualTo(1);
        assertThat(s.getJsonObject("agents").getInteger("PAUSED")).isEqualTo(1);
        assertThat(registry.get("console.agents").tag("state", "paused").gauge().value()).isEqualTo(1.0);
    }

    @Test
    @DisplayName("today's appeals count from the first read of each Beijing day, by channel")
    void today() {
        Counter phone = Counter.builder("intake.appended").tag("channel", "phone").tag("result", "new")
                .register(registry);
        Counter dup = Counter.builder("intake.appended").tag("channel", "phone").tag("result", "duplicate")
                .register(registry);
        phone.increment(40);
        dup.increment(5);
        assertThat(wallboard.snapshot().getJsonObject("appealsByChannel").getLong("phone")).isEqualTo(40);

        clock.set(Instant.parse("2026-11-28T16:00:01Z")); // 00:00:01 on the 29th in Beijing
        phone.increment(3);
        assertThat(wallboard.snapshot().getJsonObject("appealsByChannel").getLong("phone")).isZero();
        phone.increment(2);
        assertThat(wallboard.snapshot().getJsonObject("appealsByChannel").getLong("phone")).isEqualTo(2);
    }
}
