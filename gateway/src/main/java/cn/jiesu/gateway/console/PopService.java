package cn.jiesu.gateway.console;

import cn.jiesu.core.appeal.AppealStoreException;
import cn.jiesu.core.console.ConsoleFanout;
import cn.jiesu.core.console.ConsoleNotice;
import cn.jiesu.core.console.PopState;
import cn.jiesu.core.console.PopStore;
import cn.jiesu.core.console.StoredPop;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Screen pops with acknowledgement: turns call events at agents' endpoints into pops, stores each as pending for
 * its agent before writing it to the agent's sockets, removes it when the browser acknowledges, and replays what is
 * still pending when a browser (re)connects, on any instance.
 *
 * <p>Across instances: an instance must not count on seeing every AMI event (it may connect to another Asterisk,
 * have no AMI at all, or be reconnecting), so the instance whose store write created or moved a pop fans it out
 * ({@link ConsoleFanout}) and every instance holding a socket of the agent shows it. Each instance remembers the
 * state it has shown per pop, so a pop reaching it both from its own AMI events and from another instance is shown
 * once and each state change once.
 *
 * <p>Threading: the {@link AgentCallEvents} methods and {@link #remote} may be called from any thread and only
 * schedule work on the console's context; all other methods run on that context. Events of one pop are processed
 * in arrival order.
 */
public final class PopService implements AgentCallEvents {
    private static final Logger LOG = LoggerFactory.getLogger(PopService.class);
    /** Delays before the second and third try of a pop whose store call failed retriably. */
    static final long[] RETRY_DELAYS_MS = {250, 1_000};

    private static final int SHOWN_MEMORY = 10_000;

    private final Context context;
    private final ConsoleConfig config;
    private final PopStore pops;
    private final CallerContext callers;
    private final PopSink sockets;
    private final ConsoleMetrics metrics;
    private final Clock clock;
    private final BiConsumer<String, List<PopStore.PopRef>> onCallEnded;
    private final ConsoleFanout fanout;
    private final String origin;
    private final CallNumbers numbers;
    /** The last event of each pop in flight: the next one waits for it (context-confined). */
    private final Map<String, Future<Void>> inFlight = new HashMap<>();
    /**
     * The state this instance last wrote to its sockets, per pop (context-confined, the most recent pops only).
     * Absent: this instance has not shown the pop.
     */
    private final Map<String, PopState> shownHere = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PopState> eldest) {
            return size() > SHOWN_MEMORY;
        }
    };

    /**
     * @param origin  this instance's name in the notices it publishes (unique per running console)
     * @param numbers reserves the call's 受理号 when the agent answers
     */
    PopService(
            Context context,
            ConsoleConfig config,
            PopStore pops,
            CallerContext callers,
            PopSink sockets,
            ConsoleMetrics metrics,
            Clock clock,
            BiConsumer<String, List<PopStore.PopRef>> onCallEnded,
            ConsoleFanout fanout,
            String origin,
            CallNumbers numbers) {
        this.numbers = numbers;
        this.context = context;
        this.config = config;
        this.pops = pops;
        this.callers = callers;
        this.sockets = sockets;
        this.metrics = metrics;
        this.clock = clock;
        this.onCallEnded = onCallEnded;
        this.fanout = fanout;
        this.origin = origin;
    }

    @Override
    public void offered(CallOffer offer) {
        context.runOnContext(v ->
                serially(StoredPop.idOf(offer.linkedid(), offer.agentExt()), () -> pop(offer, PopState.OFFERED, 1)));
    }

    @Override
    public void connected(CallOffer offer) {
        context.runOnContext(v ->
                serially(StoredPop.idOf(offer.linkedid(), offer.agentExt()), () -> pop(offer, PopState.CONNECTED, 1)));
    }

    @Override
    public void ended(String linkedid, Instant at) {
        context.runOnContext(v -> Future.fromCompletionStage(pops.endCall(linkedid, config.popTtl()), context)
                .onSuccess(changed -> {
                    // Only the instance whose script changed the pops gets them here: it tells the others.
                    changed.forEach(ref -> {
                        advance(ref.ext(), ref.popId(), PopState.ENDED, at);
                        fanout.publish(new ConsoleNotice.Pop(origin, ref.ext(), ref.popId(), PopState.ENDED, null, at));
                    });
                    onCallEnded.accept(linkedid, changed);
                })
                .onFailure(
                        e -> LOG.warn("call {} ended but its pops could not be marked: {}", linkedid, e.toString())));
    }

    /** Another instance's notice: shown here when the agent has a socket here and this instance has not shown it. */
    void remote(ConsoleNotice notice) {
        if (origin.equals(notice.origin())) {
            return;
        }
        context.runOnContext(v -> {
            switch (notice) {
                case ConsoleNotice.Pop p
                when p.body() != null && !shownHere.containsKey(p.popId()) -> {
                    if (sockets.has(p.ext())) {
                        show(p.ext(), p.popId(), p.body(), p.state(), p.at(), false);
                    }
                }
                case ConsoleNotice.Pop p -> advance(p.ext(), p.popId(), p.state(), p.at());
                case ConsoleNotice.Frame f -> sockets.send(f.ext(), f.frame());
            }
        });
    }

    /** Writes {@code frame} to the agent's sockets on every instance. */
    void toAgent(String ext, String frame) {
        context.runOnContext(v -> {
            sockets.send(ext, frame);
            fanout.publish(new ConsoleNotice.Frame(origin, ext, frame));
        });
    }

    /**
     * What is known of the call's appeal ({@code appeal}: its 受理号 {@code no}, once stored also {@code stored},
     * {@code merged}, {@code address}, {@code related}) goes into the stored pop, so a replay shows it, and to the
     * agent's sockets on every instance as a {@code pop-appeal} frame.
     */
    void appeal(String ext, String popId, JsonObject appeal) {
        context.runOnContext(v -> editBody(popId, body -> {
                    JsonObject known = body.getJsonObject("appeal", new JsonObject());
                    return body.put("appeal", known.mergeIn(appeal));
                })
                .onComplete(r -> {
                    if (r.failed()) {
                        LOG.warn(
                                "pop {} could not keep its appeal number: {}",
                                popId,
                                r.cause().toString());
                    }
                    // Shown even when it could not be stored: the agent needs the number now.
                    toAgent(
                            ext,
                            new JsonObject()
                                    .put("type", "pop-appeal")
                                    .put("popId", popId)
                                    .put("appeal", appeal)
                                    .encode());
                }));
    }

    /** Keeps the agent's saved form in the stored pop (best effort: the draft itself is stored apart). */
    void keepForm(String popId, JsonObject form) {
        context.runOnContext(v -> editBody(popId, body -> body.put("form", form))
                .onFailure(e -> LOG.warn("pop {} could not keep its saved form: {}", popId, e.toString())));
    }

    /**
     * Rewrites the stored pop's body with {@code change}, after this pop's other work here: the appeal number and
     * the saved form are read-modify-writes of one body and must not undo each other. False when the pop is gone.
     */
    private Future<Boolean> editBody(String popId, java.util.function.UnaryOperator<JsonObject> change) {
        io.vertx.core.Promise<Boolean> done = io.vertx.core.Promise.promise();
        serially(
                popId,
                () -> Future.fromCompletionStage(pops.get(popId), context)
                        .compose(found -> found.isEmpty()
                                ? Future.succeededFuture(false)
                                : Future.fromCompletionStage(
                                        pops.rewrite(
                                                popId,
                                                change.apply(new JsonObject(
                                                                found.get().body()))
                                                        .encode()),
                                        context))
                        .onComplete(done)
                        .<Void>mapEmpty());
        return done.future();
    }

    /**
     * Sends {@code ext}'s pending pops to one new socket (marked as replays), and the pop of the call they are on
     * even when it was acknowledged: a browser reloaded mid-call must get the caller, the form and the 受理号 back.
     * Returns how many.
     */
    Future<Integer> replay(String ext, java.util.function.Consumer<String> socket) {
        Future<List<StoredPop>> pending = Future.fromCompletionStage(pops.pending(ext), context);
        Future<Optional<StoredPop>> live = Future.fromCompletionStage(pops.onCall(ext), context)
                .compose(id -> id.isEmpty()
                        ? Future.succeededFuture(Optional.<StoredPop>empty())
                        : Future.fromCompletionStage(pops.get(id.get()), context));
        return Future.all(pending, live).map(both -> {
            List<StoredPop> list = new ArrayList<>(pending.result());
            live.result()
                    .filter(p -> list.stream().noneMatch(q -> q.popId().equals(p.popId())))
                    .ifPresent(list::add);
            list.forEach(p -> {
                socket.accept(popFrame(new JsonObject(p.body()), p.state(), true));
                shownHere.merge(p.popId(), p.state(), PopState::max);
            });
            metrics.replayed(list.size());
            return list.size();
        });
    }
    /** The browser of {@code ext} has shown pop {@code popId}; false when it was not pending (or not theirs). */
    Future<Boolean> ack(String ext, String popId) {
        return Future.fromCompletionStage(pops.ack(ext, popId), context).onSuccess(removed -> {
            if (removed) {
                metrics.acked();
            }
        });
    }

    private void serially(String popId, Supplier<Future<Void>> work) {
        Future<Void> previous = inFlight.getOrDefault(popId, Future.succeededFuture());
        Future<Void> next = previous.transform(ignored -> work.get());
        inFlight.put(popId, next);
        next.onComplete(r -> inFlight.remove(popId, next));
    }

    private Future<Void> pop(CallOffer offer, PopState state, int attempt) {
        String popId = StoredPop.idOf(offer.linkedid(), offer.agentExt());
        return Future.fromCompletionStage(pops.get(popId), context)
                .compose(existing -> existing.isPresent()
                        ? Future.succeededFuture(existing.get().body())
                        : callers.load(offer, popId).map(JsonObject::encode))
                .compose(body -> Future.fromCompletionStage(
                                pops.offer(
                                        new StoredPop(popId, offer.agentExt(), offer.linkedid(), state, body),
                                        config.popTtl()),
                                context)
                        .map(r -> {
                            PopState shown = shownHere.get(popId);
                            if (shown == null) {
                                show(offer.agentExt(), popId, body, r.state(), offer.at(), r.created());
                            } else if (r.state().ordinal() > shown.ordinal()) {
                                shownHere.put(popId, r.state());
                                sockets.send(offer.agentExt(), stateFrame(popId, r.state()));
                            }
                            if (r.state() == PopState.CONNECTED && r.changed()) {
                                // Answered: the 受理号 is known from now on (reserved once per call, any instance).
                                reserveNumber(offer.agentExt(), popId, offer.linkedid());
                            }
                            // The instance whose write created or moved the pop tells the others (once per change).
                            if (r.created() || r.changed()) {
                                fanout.publish(new ConsoleNotice.Pop(
                                        origin,
                                        offer.agentExt(),
                                        popId,
                                        r.state(),
                                        r.created() ? body : null,
                                        offer.at()));
                            }
                            return (Void) null;
                        }))
                .recover(e -> {
                    if (attempt < RETRY_DELAYS_MS.length + 1 && e instanceof AppealStoreException s && s.retriable()) {
                        // Redis slow or reconnecting: the phone rings for a while yet, so a late pop still helps.
                        return context.owner()
                                .timer(RETRY_DELAYS_MS[attempt - 1])
                                .compose(t -> pop(offer, state, attempt + 1));
                    }
                    LOG.warn(
                            "pop for call {} to agent {} failed after {} attempts: {}",
                            offer.linkedid(),
                            offer.agentExt(),
                            attempt,
                            e.toString());
                    return Future.succeededFuture();
                });
    }

    private void reserveNumber(String ext, String popId, String linkedid) {
        numbers.reserve(linkedid)
                .onSuccess(no -> {
                    if (no != null) {
                        appeal(ext, popId, new JsonObject().put("no", no).put("stored", false));
                    }
                })
                .onFailure(e -> LOG.warn("no appeal number for call {}: {}", linkedid, e.toString()));
    }

    /** Writes the whole pop to the agent's sockets here and remembers it as shown. */
    private void show(String ext, String popId, String body, PopState state, Instant at, boolean createdHere) {
        shownHere.put(popId, state);
        int n = sockets.send(ext, popFrame(new JsonObject(body), state, false));
        if (n > 0) {
            metrics.popSent(Duration.between(at, clock.instant()));
        } else if (createdHere) {
            metrics.popUndelivered();
        }
    }

    /**
     * The pop moved to {@code state}: a state frame if this instance showed an earlier state; the whole pop (read
     * from the store) if it never showed it and the agent has a socket here.
     */
    private void advance(String ext, String popId, PopState state, Instant at) {
        PopState shown = shownHere.get(popId);
        if (shown != null) {
            if (state.ordinal() > shown.ordinal()) {
                shownHere.put(popId, state);
                sockets.send(ext, stateFrame(popId, state));
            }
            return;
        }
        if (!sockets.has(ext)) {
            return;
        }
        Future.fromCompletionStage(pops.get(popId), context)
                .onSuccess(found -> {
                    if (shownHere.containsKey(popId)) {
                        advance(ext, popId, state, at); // shown meanwhile: now a state frame at most
                    } else if (found.isPresent()) {
                        show(ext, popId, found.get().body(), found.get().state().max(state), at, false);
                    }
                })
                .onFailure(e -> LOG.warn("pop {} of agent {} could not be read: {}", popId, ext, e.toString()));
    }

    static String popFrame(JsonObject body, PopState state, boolean replay) {
        return new JsonObject()
                .put("type", "pop")
                .put("replay", replay)
                .put("pop", body.put("state", state.name()))
                .encode();
    }

    static String stateFrame(String popId, PopState state) {
        return new JsonObject()
                .put("type", "pop-state")
                .put("popId", popId)
                .put("state", state.name())
                .encode();
    }
}
