package cn.jiesu.gateway.console;

import cn.jiesu.core.console.AgentState;
import cn.jiesu.core.console.AgentStateStore;
import cn.jiesu.core.console.AgentStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Agents' states: ready, paused (AMI QueuePause) and wrap-up, kept in Redis for every instance and shown to
 * supervisors. {@code console.agents{state}} gauges read the last refreshed snapshot, so /metrics and the wallboard
 * show the same counts.
 *
 * <p>Threading: methods run on the console's context; the gauges read an immutable snapshot from any thread.
 */
final class AgentStates {
    private static final Logger LOG = LoggerFactory.getLogger(AgentStates.class);

    private final Context context;
    private final ConsoleConfig config;
    private final AgentStateStore store;
    private final QueueControl queues;
    private final AgentSockets sockets;
    private final java.util.function.BiConsumer<String, String> toAgent;
    private final Clock clock;
    private volatile Map<String, AgentStatus> snapshot = Map.of();

    AgentStates(
            Context context,
            ConsoleConfig config,
            AgentStateStore store,
            QueueControl queues,
            AgentSockets sockets,
            Clock clock,
            MeterRegistry registry) {
        this(context, config, store, queues, sockets, sockets::send, clock, registry);
    }

    /** @param toAgent writes a frame to the agent's sockets (on every instance, with a fan-out) */
    AgentStates(
            Context context,
            ConsoleConfig config,
            AgentStateStore store,
            QueueControl queues,
            AgentSockets sockets,
            java.util.function.BiConsumer<String, String> toAgent,
            Clock clock,
            MeterRegistry registry) {
        this.toAgent = toAgent;
        this.context = context;
        this.config = config;
        this.store = store;
        this.queues = queues;
        this.sockets = sockets;
        this.clock = clock;
        for (AgentState s : AgentState.values()) {
            Gauge.builder("console.agents", this, a -> a.count(s))
                    .strongReference(true)
                    .description("Console agents by state (offline: no console open on any instance)")
                    .tag("state", s.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
    }

    /** Moves {@code ext} to {@code state}: the queues first (a refused pause changes nothing), then the record. */
    Future<AgentStatus> set(String ext, AgentState state, String reason) {
        if (state == AgentState.OFFLINE) {
            return Future.failedFuture(new IllegalArgumentException("state: OFFLINE is not chosen, it is observed"));
        }
        Instant now = clock.instant();
        return Future.fromCompletionStage(queues.pause(config.interfaceOf(ext), state.paused(), reason), context)
                .compose(v -> Future.fromCompletionStage(store.put(ext, state, now), context))
                .map(v -> {
                    AgentStatus status = new AgentStatus(ext, state, now, now);
                    String frame = frame(status);
                    // The agent's browser may be on another instance (wrap-up is set where the call's end was seen).
                    toAgent.accept(ext, frame);
                    sockets.sendSupervisors(frame);
                    LOG.info("agent {} is {} ({})", ext, state, reason);
                    return status;
                });
    }

    /**
     * The agent's recorded state; an agent never seen before is recorded READY (as the queues have them: members
     * start unpaused), so they appear on the wallboard from their first sign-in.
     */
    Future<AgentStatus> of(String ext) {
        return Future.fromCompletionStage(store.all(), context).compose(all -> {
            AgentStatus known = all.get(ext);
            if (known != null) {
                return Future.succeededFuture(known);
            }
            Instant now = clock.instant();
            return Future.fromCompletionStage(store.put(ext, AgentState.READY, now), context)
                    .map(v -> new AgentStatus(ext, AgentState.READY, now, now));
        });
    }

    /**
     * Whether {@code ext} has a console open: a socket here, or seen lately by any instance. Wrap-up pauses the
     * agent in the queues until they click ready, so it is only for agents who have a console to click it in.
     */
    Future<Boolean> online(String ext) {
        if (sockets.has(ext)) {
            return Future.succeededFuture(true);
        }
        return Future.fromCompletionStage(store.all(), context).map(all -> {
            AgentStatus s = all.get(ext);
            return s != null && shown(s) != AgentState.OFFLINE;
        });
    }

    /** Records presence of the agents connected here, then reloads everyone's state for gauges and wallboard. */
    Future<Map<String, AgentStatus>> refresh() {
        return Future.fromCompletionStage(store.seen(sockets.connected(), clock.instant()), context)
                .compose(v -> Future.fromCompletionStage(store.all(), context))
                .onSuccess(all -> snapshot = Map.copyOf(all));
    }

    Map<String, AgentStatus> snapshot() {
        return snapshot;
    }

    /** An agent counts as offline when no instance has seen their console for three refreshes. */
    AgentState shown(AgentStatus s) {
        return s.shown(clock.instant(), staleAfter());
    }

    private Duration staleAfter() {
        return config.wallboardInterval().multipliedBy(3).plusSeconds(1);
    }

    private double count(AgentState state) {
        Map<AgentState, Integer> counts = new EnumMap<>(AgentState.class);
        snapshot.values().forEach(s -> counts.merge(shown(s), 1, Integer::sum));
        return counts.getOrDefault(state, 0);
    }

    static String frame(AgentStatus s) {
        return new JsonObject()
                .put("type", "agent-state")
                .put("ext", s.ext())
                .put("state", s.state().name())
                .put("since", s.since().toString())
                .encode();
    }
}
