package cn.jiesu.gateway.console;

import cn.jiesu.core.console.AgentState;
import cn.jiesu.core.console.AgentStateStore;
import cn.jiesu.core.console.AgentStatus;
import cn.jiesu.gateway.http.ApiError;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Agents' states, with Asterisk as the truth: ready, paused, wrap-up and on call, kept in Redis for every instance and
 * shown to the agent and supervisors. The console's choices (ready, paused) and its wrap-up after a call go to the
 * queues first (AMI QueuePause); what Asterisk then reports of the member ({@link #observed}), whoever changed it,
 * is recorded by {@link AgentStateRules}. A wrap-up ends by itself at its deadline (kept with the state in Redis):
 * a timer on the instance that began it, and every instance with a queue connection ending overdue ones at each
 * refresh (so a restarted gateway ends them too). {@code console.agents{state}} gauges read the last refreshed
 * snapshot, so /metrics and the wallboard show the same counts.
 *
 * <p>Threading: work runs on the console's context, one change at a time per agent (a lane per extension: a
 * read-decide-write must not interleave with another for the same agent); the gauges read an immutable snapshot
 * from any thread; {@link #observed} may be called from any thread.
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
    /** On the context: the last change queued per agent. */
    private final Map<String, Future<?>> lanes = new HashMap<>();
    /** On the context: what Asterisk last said of each agent's member (by extension), for a first sign-in. */
    private final Map<String, AsteriskMember> asterisk = new HashMap<>();
    /** On the context: agents whose wrap-up end is under way here. */
    private final Set<String> ending = new HashSet<>();

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

    /**
     * The agent chooses {@code state} (ready or paused): refused with 400 for a state that is not chosen and 409
     * while on a call ({@link AgentStateRules#refusal}); else as {@link #set}.
     */
    Future<AgentStatus> choose(String ext, AgentState state, String reason) {
        return inLane(
                ext,
                () -> current(ext).compose(recorded -> {
                    String refused = AgentStateRules.refusal(recorded, state);
                    if (refused != null) {
                        return Future.failedFuture(
                                state.chosen()
                                        ? new ApiError(409, "on-call", refused, "state")
                                        : ApiError.badRequest("state", refused));
                    }
                    return move(ext, state, reason);
                }));
    }

    /**
     * Moves {@code ext} to {@code state} (ready, paused or wrap-up): the queues first (a refused pause changes
     * nothing), then the record; a wrap-up gets its deadline ({@code console.wrap-up.limit}).
     */
    Future<AgentStatus> set(String ext, AgentState state, String reason) {
        return inLane(ext, () -> move(ext, state, reason));
    }

    private Future<AgentStatus> move(String ext, AgentState state, String reason) {
        if (state == AgentState.OFFLINE || state == AgentState.ON_CALL) {
            return Future.failedFuture(
                    new IllegalArgumentException("state: " + state + " is not chosen, it is observed"));
        }
        Instant now = clock.instant();
        AgentStatus next = state == AgentState.WRAP_UP
                ? AgentStateRules.wrapUp(ext, now, now, config.wrapUpLimit())
                : new AgentStatus(ext, state, now, now, null, reason);
        return Future.fromCompletionStage(queues.pause(config.interfaceOf(ext), state.paused(), reason), context)
                .compose(v -> record(next))
                .onSuccess(st -> LOG.info("agent {} is {} ({})", ext, state, reason));
    }

    /**
     * Asterisk reported the agent's member (any thread): the recorded state follows it ({@link
     * AgentStateRules#observed}), pushed to the agent's sockets and supervisors. Members that are no console
     * agent's, and agents who never signed in, only update what a first sign-in starts from.
     */
    void observed(AsteriskMember member) {
        String ext = config.extOf(member.memberInterface());
        if (ext == null) {
            return;
        }
        context.runOnContext(v -> {
            asterisk.put(ext, member);
            inLane(
                            ext,
                            () -> current(ext).compose(recorded -> {
                                if (recorded == null) {
                                    return Future.succeededFuture();
                                }
                                AgentStatus next = AgentStateRules.observed(
                                        recorded, member, ext, clock.instant(), config.wrapUpLimit());
                                if (next == null) {
                                    return Future.succeededFuture();
                                }
                                LOG.info(
                                        "agent {} is {} as Asterisk says ({} {})",
                                        ext,
                                        next.state(),
                                        member.seen(),
                                        member.pausedReason());
                                return record(next).mapEmpty();
                            }))
                    .onFailure(e -> LOG.warn("agent {} state from Asterisk not recorded: {}", ext, e.toString()));
        });
    }

    /** Writes {@code next}, tells the agent and supervisors, and times its wrap-up's end. */
    private Future<AgentStatus> record(AgentStatus next) {
        return Future.fromCompletionStage(
                        store.put(next.ext(), next.state(), next.since(), next.until(), next.reason()), context)
                .map(v -> {
                    String frame = frame(next, clock.instant());
                    // The agent's browser may be on another instance (wrap-up is set where the call's end was seen).
                    toAgent.accept(next.ext(), frame);
                    sockets.sendSupervisors(frame);
                    if (next.until() != null) {
                        long ms = Math.max(
                                1,
                                Duration.between(clock.instant(), next.until()).toMillis() + 50);
                        context.owner().setTimer(ms, id -> endWrapUp(next.ext()));
                    }
                    return next;
                });
    }

    /**
     * Ends the agent's wrap-up if it is still the recorded state and overdue: unpaused in the queues, then ready.
     * Only on an instance whose queue control reaches Asterisk: elsewhere the unpause would not happen, and Asterisk
     * would put the agent back in wrap-up.
     */
    Future<Void> endWrapUp(String ext) {
        if (!queues.reachesAsterisk() || !ending.add(ext)) {
            return Future.succeededFuture();
        }
        return inLane(
                        ext,
                        () -> current(ext)
                                .compose(s -> s != null && s.wrapUpOver(clock.instant())
                                        ? move(ext, AgentState.READY, "wrap-up-over")
                                                .mapEmpty()
                                        : Future.<Void>succeededFuture()))
                .onComplete(r -> ending.remove(ext))
                .onFailure(e -> LOG.warn(
                        "agent {} wrap-up could not end (tried again at the next refresh): {}", ext, e.toString()))
                .mapEmpty();
    }

    /**
     * The agent's recorded state; an agent never seen before is recorded as Asterisk last reported their member
     * (ready when nothing is known: members start unpaused), so they appear on the wallboard from their first sign-in.
     */
    Future<AgentStatus> of(String ext) {
        return inLane(
                ext,
                () -> current(ext).compose(known -> {
                    if (known != null) {
                        return Future.succeededFuture(known);
                    }
                    Instant now = clock.instant();
                    AsteriskMember seen = asterisk.get(ext);
                    AgentStatus first =
                            seen == null ? null : AgentStateRules.observed(null, seen, ext, now, config.wrapUpLimit());
                    AgentStatus start = first == null ? new AgentStatus(ext, AgentState.READY, now, now) : first;
                    return Future.fromCompletionStage(
                                    store.put(ext, start.state(), start.since(), start.until(), start.reason()),
                                    context)
                            .map(v -> start);
                }));
    }

    /**
     * Whether {@code ext} has a console open: a socket here, or seen lately by any instance. Wrap-up pauses the
     * agent in the queues, so it is only for agents who have a console to see it in.
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

    /**
     * Records presence of the agents connected here, then reloads everyone's state for gauges and wallboard, and
     * ends wrap-ups that are overdue (begun on another instance, or before this one restarted).
     */
    Future<Map<String, AgentStatus>> refresh() {
        return Future.fromCompletionStage(store.seen(sockets.connectedAgents(), clock.instant()), context)
                .compose(v -> Future.fromCompletionStage(store.all(), context))
                .onSuccess(all -> {
                    snapshot = Map.copyOf(all);
                    Instant now = clock.instant();
                    all.values().stream().filter(s -> s.wrapUpOver(now)).forEach(s -> endWrapUp(s.ext()));
                });
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

    private Future<AgentStatus> current(String ext) {
        // One agent's fields, not the whole floor's: this runs on every member event Asterisk sends.
        return Future.fromCompletionStage(store.get(ext), context);
    }

    /** Runs {@code work} on the context after every change queued before it for {@code ext}, failed or not. */
    private <T> Future<T> inLane(String ext, Supplier<Future<T>> work) {
        Promise<T> done = Promise.promise();
        context.runOnContext(v -> {
            Future<?> before = lanes.getOrDefault(ext, Future.succeededFuture());
            Future<T> mine = before.transform(r -> {
                try {
                    return work.get();
                } catch (RuntimeException e) {
                    return Future.failedFuture(e);
                }
            });
            lanes.put(ext, mine);
            mine.onComplete(r -> {
                if (lanes.get(ext) == mine) {
                    lanes.remove(ext);
                }
                done.handle(r);
            });
        });
        return done.future();
    }

    /** The {@code agent-state} frame: the state, since when, why, and a wrap-up's deadline and seconds left. */
    static String frame(AgentStatus s, Instant now) {
        return new JsonObject()
                .put("type", "agent-state")
                .put("ext", s.ext())
                .put("state", s.state().name())
                .put("since", s.since().toString())
                .put("reason", s.reason())
                .put("until", s.until() == null ? null : s.until().toString())
                .put("remainingS", AgentStateRules.remainingSeconds(s, now))
                .encode();
    }
}
