package cn.jiesu.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.jiesu.core.console.AgentState;
import cn.jiesu.core.console.AgentStatus;
import cn.jiesu.gateway.console.AsteriskMember.Seen;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Agent states on a real Vert.x context: Asterisk's reports recorded and pushed, wrap-ups ending by themselves (by
 * the timer, and overdue ones at a refresh after a restart) with the queues unpaused, and the agent's choices
 * refused while on a call. The queue control records what it was asked; the lab IT checks the real Asterisk.
 */
class AgentStatesTest {
    private static final String IFACE = "Local/8001@agent-sim/n";

    private final InMemoryStores.Agents store = new InMemoryStores.Agents();
    private final List<String> pauses = new CopyOnWriteArrayList<>();
    private final List<JsonObject> toAgent = new CopyOnWriteArrayList<>();
    private Vertx vertx;

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void tearDown() {
        vertx.close().await();
    }

    private AgentStates states(String limit, boolean reachesAsterisk) {
        ConsoleConfig config = ConsoleTestConfig.standard(Map.of("JIESU_CONSOLE_WRAP_UP_LIMIT", limit));
        QueueControl queues = new QueueControl() {
            @Override
            public java.util.concurrent.CompletionStage<Void> pause(String member, boolean paused, String reason) {
                pauses.add(member + " " + paused + " " + reason);
                return CompletableFuture.completedStage(null);
            }

            @Override
            public boolean reachesAsterisk() {
                return reachesAsterisk;
            }
        };
        return new AgentStates(
                vertx.getOrCreateContext(),
                config,
                store,
                queues,
                new AgentSockets(),
                (ext, frame) -> toAgent.add(new JsonObject(frame)),
                Clock.systemUTC(),
                new SimpleMeterRegistry());
    }

    private AgentState recorded() {
        AgentStatus s = store.states.get("8001");
        return s == null ? null : s.state();
    }

    @Test
    @DisplayName("Asterisk's pause, call and unpause are recorded in order and pushed as agent-state frames")
    void followsAsterisk() {
        AgentStates states = states("60s", true);
        states.of("8001").await();
        states.observed(new AsteriskMember(IFACE, Seen.PAUSED, "supervisor"));
        states.observed(new AsteriskMember(IFACE, Seen.ON_CALL, null));
        states.observed(new AsteriskMember(IFACE, Seen.READY, null));
        states.observed(new AsteriskMember("PJSIP/9999", Seen.PAUSED, "x")); // not a console agent's member
        await().until(() -> toAgent.size() == 3);
        assertThat(toAgent.stream().map(f -> f.getString("state"))).containsExactly("PAUSED", "ON_CALL", "READY");
        assertThat(toAgent.get(0).getString("reason")).isEqualTo("supervisor");
        assertThat(recorded()).isEqualTo(AgentState.READY);
        assertThat(pauses).as("Asterisk's own changes are not sent back to it").isEmpty();
    }

    @Test
    @DisplayName("a member reported before the first sign-in decides the state the agent starts in")
    void firstSignInFromAsterisk() {
        AgentStates states = states("60s", true);
        states.observed(new AsteriskMember(IFACE, Seen.PAUSED, "supervisor"));
        await().until(() -> {
            AgentStatus s = states.of("8001").await();
            return s.state() == AgentState.PAUSED && "supervisor".equals(s.reason());
        });
    }

    @Test
    @DisplayName("a wrap-up ends by itself after the limit: unpaused in the queues, then ready, with a countdown")
    void wrapUpEnds() {
        AgentStates states = states("1s", true);
        AgentStatus w = states.set("8001", AgentState.WRAP_UP, "wrap-up").await();
        assertThat(w.until()).isNotNull();
        assertThat(toAgent.get(0).getString("state")).isEqualTo("WRAP_UP");
        assertThat(toAgent.get(0).getLong("remainingS")).isEqualTo(1);
        assertThat(pauses).containsExactly(IFACE + " true wrap-up");
        await().atMost(Duration.ofSeconds(5)).until(() -> recorded() == AgentState.READY);
        assertThat(pauses).containsExactly(IFACE + " true wrap-up", IFACE + " false wrap-up-over");
        assertThat(toAgent).last().extracting(f -> f.getString("state")).isEqualTo("READY");
    }

    @Test
    @DisplayName(
            "a gateway restarted after a wrap-up's deadline ends it at its first refresh; one without AMI does not")
    void overdueAfterRestart() {
        Instant begun = Instant.now().minusSeconds(90);
        store.put("8001", AgentState.WRAP_UP, begun, begun.plusSeconds(60), "wrap-up");
        store.put("8002", AgentState.WRAP_UP, begun, Instant.now().plusSeconds(600), "wrap-up");

        states("60s", false).refresh().await();
        await().during(Duration.ofMillis(300)).until(() -> recorded() == AgentState.WRAP_UP);
        assertThat(pauses).isEmpty();

        states("60s", true).refresh().await();
        await().atMost(Duration.ofSeconds(5)).until(() -> recorded() == AgentState.READY);
        assertThat(pauses).containsExactly(IFACE + " false wrap-up-over");
        assertThat(store.states.get("8002").state()).as("not yet due").isEqualTo(AgentState.WRAP_UP);
    }

    @Test
    @DisplayName("on a call the agent can choose nothing (409); wrap-up and on call are never chosen (400)")
    void choicesRefused() {
        AgentStates states = states("60s", true);
        states.of("8001").await();
        states.observed(new AsteriskMember(IFACE, Seen.ON_CALL, null));
        await().until(() -> recorded() == AgentState.ON_CALL);
        Throwable onCall = states.choose("8001", AgentState.READY, "ready")
                .toCompletionStage()
                .handle((v, e) -> e)
                .toCompletableFuture()
                .join();
        assertThat(onCall).isInstanceOf(cn.jiesu.gateway.http.ApiError.class);
        assertThat(((cn.jiesu.gateway.http.ApiError) onCall).status()).isEqualTo(409);
        Throwable wrap = states.choose("8001", AgentState.WRAP_UP, "wrap-up")
                .toCompletionStage()
                .handle((v, e) -> e)
                .toCompletableFuture()
                .join();
        assertThat(((cn.jiesu.gateway.http.ApiError) wrap).status()).isEqualTo(400);
        assertThat(pauses).isEmpty();
        assertThat(recorded()).isEqualTo(AgentState.ON_CALL);
    }
}
