package cn.jiesu.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import cn.jiesu.core.console.AgentState;
import cn.jiesu.core.intake.IntakeIds;
import cn.jiesu.core.sla.SlaPolicy;
import cn.jiesu.ivr.call.CallEvent;
import cn.jiesu.ivr.call.CallIntakeFactory;
import cn.jiesu.ivr.call.CallTracker;
import cn.jiesu.ivr.call.ChannelInfo;
import cn.jiesu.ivr.call.QueueMember;
import cn.jiesu.ivr.call.TrackerSettings;
import cn.jiesu.testkit.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The wallboard over a registry holding the console's own meters and, for the queue tiles, a real call tracker's fed
 * with call events. No stand-in meters: the other tiles are checked against the meters the gateway really registers
 * in {@code WallboardIT}, {@code WallboardMetersIT} and {@code MetricsIT}.
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
        assertThat(s.getValue("ratesMonth")).isNull();
        assertThat(s.getValue("queueToday")).isNull();
        assertThat(s.getValue("queueAgents")).isNull();
    }

    private static ChannelInfo caller(String id) {
        return new ChannelInfo("PJSIP/trunk-" + id, id, id, "public", "12345", "13600136000", null, 6, null);
    }

    @Test
    @DisplayName("queue service today, agents by Asterisk state and the emergency queue from the call tracker's meters")
    void queueTilesFromTheTracker() {
        TrackerSettings settings = TrackerSettings.DEFAULTS.withPublishInterval(Duration.ZERO);
        CallTracker tracker = new CallTracker(
                settings,
                new CallIntakeFactory(settings, SlaPolicy.BEIJING, new IntakeIds(clock, new Random(7))),
                intake -> {},
                clock,
                registry);
        Instant t = clock.instant();
        List<CallEvent> events = List.of(
                // answered in 5 s and in 25 s; one caller gives up after 40 s; one waits in the emergency queue
                new CallEvent.QueueJoined(t, caller("1.1"), "hotline-general", 1),
                new CallEvent.AgentConnected(t, caller("1.1"), "hotline-general", "Local/8001@agent-sim/n", "x", 5),
                new CallEvent.QueueJoined(t, caller("1.2"), "hotline-general", 1),
                new CallEvent.AgentConnected(t, caller("1.2"), "hotline-general", "Local/8002@agent-sim/n", "y", 25),
                new CallEvent.QueueJoined(t, caller("1.3"), "hotline-general", 1),
                new CallEvent.QueueAbandoned(t, caller("1.3"), "hotline-general", 40),
                new CallEvent.QueueJoined(t, caller("1.4"), "hotline-priority", 1),
                new CallEvent.ReconcileMark(t, 1, "test"),
                new CallEvent.QueueMembersListed(
                        t,
                        1,
                        Set.of("hotline-general", "hotline-priority"),
                        List.of(
                                new QueueMember("hotline-general", "Local/8001@agent-sim/n", false, 2, true),
                                new QueueMember("hotline-general", "Local/8002@agent-sim/n", true, 1, false, "break"),
                                new QueueMember("hotline-general", "Local/8003@agent-sim/n", true, 1, false, "wrap-up"),
                                new QueueMember("hotline-priority", "Local/8004@agent-sim/n", false, 1, false))));
        events.forEach(e -> {
            tracker.apply(e);
            tracker.tick();
        });

        JsonObject s = wallboard.snapshot();

        JsonObject today = s.getJsonObject("queueToday");
        assertThat(today.getLong("answered")).isEqualTo(2);
        assertThat(today.getLong("answeredInTime")).isEqualTo(1);
        assertThat(today.getLong("abandoned")).isEqualTo(1);
        assertThat(today.getDouble("serviceLevel")).isCloseTo(1.0 / 3, within(1e-9));
        assertThat(today.getDouble("avgAnswerS")).isEqualTo(15.0);
        JsonObject agentStates = s.getJsonObject("queueAgents");
        assertThat(agentStates.getInteger("on_call")).isEqualTo(1);
        assertThat(agentStates.getInteger("paused")).isEqualTo(1);
        assertThat(agentStates.getInteger("wrap_up")).isEqualTo(1);
        assertThat(agentStates.getInteger("ready")).isEqualTo(1);
        assertThat(s.getJsonArray("queues").stream().map(JsonObject.class::cast))
                .anySatisfy(q -> {
                    assertThat(q.getString("queue")).isEqualTo("priority");
                    assertThat(q.getInteger("waiting")).isEqualTo(1);
                    assertThat(q.getBoolean("emergency")).isTrue();
                })
                .anySatisfy(q -> {
                    assertThat(q.getString("queue")).isEqualTo("general");
                    assertThat(q.getBoolean("emergency")).isFalse();
                });

        // The next Beijing day starts from zero: no calls yet, so no service level or answer time to show.
        clock.set(Instant.parse("2026-11-28T16:00:01Z"));
        JsonObject next = wallboard.snapshot().getJsonObject("queueToday");
        assertThat(next.getLong("answered")).isZero();
        assertThat(next.getLong("abandoned")).isZero();
        assertThat(next.getValue("serviceLevel")).isNull();
        assertThat(next.getValue("avgAnswerS")).isNull();
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
