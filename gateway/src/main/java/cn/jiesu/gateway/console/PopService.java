package cn.jiesu.gateway.console;

import cn.jiesu.core.appeal.AppealStoreException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Screen pops with acknowledgement: turns call events at agents' endpoints into pops, stores each as pending for
 * its agent before writing it to the agent's sockets, removes it when the browser acknowledges, and replays what is
 * still pending when a browser (re)connects, on any instance.
 *
 * <p>Threading: the {@link AgentCallEvents} methods may be called from any thread and only schedule work on the
 * console's context; all other methods run on that context. Events of one pop are processed in arrival order.
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
    /** The last event of each pop in flight: the next one waits for it (context-confined). */
    private final Map<String, Future<Void>> inFlight = new HashMap<>();
    /**
     * Pops this instance has written to its sockets. Every instance that sees a call's events pops it on its own
     * sockets, whichever instance created the pop in Redis (context-confined, the most recent ones only).
     */
    private final Set<String> shownHere = Collections.newSetFromMap(new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > SHOWN_MEMORY;
        }
    });

    PopService(Context context, ConsoleConfig config, PopStore pops, CallerContext callers, PopSink sockets,
               ConsoleMetrics metrics, Clock clock, BiConsumer<String, List<PopStore.PopRef>> onCallEnded) {
        this.context = context;
        this.config = config;
        this.pops = pops;
        this.callers = callers;
        this.sockets = sockets;
        this.metrics = metrics;
        this.clock = clock;
        this.onCallEnded = onCallEnded;
    }

    @Override
    public void offered(CallOffer offer) {
        context.runOnContext(v -> serially(StoredPop.idOf(offer.linkedid(), offer.agentExt()),
                () -> pop(offer, PopState.OFFERED, 1)));
    }

    @Override
    public void connected(CallOffer offer) {
        context.runOnContext(v -> serially(StoredPop.idOf(offer.linkedid(), offer.agentExt()),
                () -> pop(offer, PopState.CONNECTED, 1)));
    }

    @Override
    public void ended(String linkedid, Instant at) {
        context.runOnContext(v -> Future.fromCompletionStage(pops.endCall(linkedid, config.popTtl()), context)
                .onSuccess(changed -> {
                    changed.forEach(ref -> sockets.send(ref.ext(), stateFrame(ref.popId(), PopState.ENDED)));
                    onCallEnded.accept(linkedid, changed);
                })
                .onFailure(e -> LOG.warn("call {} ended but its pops could not be marked: {}", linkedid,
                        e.toString())));
    }

    /** Sends {@code ext}'s pending pops to one new socket (marked as replays); returns how many. */
    Future<Integer> replay(String ext, java.util.function.Consumer<String> socket) {
        return Future.fromCompletionStage(pops.pending(ext), context).map(list -> {
            list.forEach(p -> socket.accept(popFrame(new JsonObject(p.body()), p.state(), true)));
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
                .compose(body -> Future.fromCompletionStage(pops.offer(new StoredPop(popId, offer.agentExt(),
                        offer.linkedid(), state, body), config.popTtl()), context).map(r -> {
                            if (shownHere.add(popId)) {
                                deliver(offer, body, r.state());
                            } else if (r.changed()) {
                                sockets.send(offer.agentExt(), stateFrame(popId, r.state()));
                            }
                            return (Void) null;
                        }))
                .recover(e -> {
                    if (attempt < RETRY_DELAYS_MS.length + 1 && e instanceof AppealStoreException s && s.retriable()) {
                        // Redis slow or reconnecting: the phone rings for a while yet, so a late pop still helps.
                        return context.owner().timer(RETRY_DELAYS_MS[attempt - 1])
                                .compose(t -> pop(offer, state, attempt + 1));
                    }
                    LOG.warn("pop for call {} to agent {} failed after {} attempts: {}", offer.linkedid(),
                            offer.agentExt(), attempt, e.toString());
                    return Future.succeededFuture();
                });
    }

    private void deliver(CallOffer offer, String body, PopState state) {
        int n = sockets.send(offer.agentExt(), popFrame(new JsonObject(body), state, false));
        if (n > 0) {
            metrics.popSent(Duration.between(offer.at(), clock.instant()));
        } else {
            metrics.popUndelivered();
        }
    }

    static String popFrame(JsonObject body, PopState state, boolean replay) {
        return new JsonObject().put("type", "pop").put("replay", replay).put("pop", body.put("state", state.name()))
                .encode();
    }

    static String stateFrame(String popId, PopState state) {
        return new JsonObject().put("type", "pop-state").put("popId", popId).put("state", state.name()).encode();
    }
}
