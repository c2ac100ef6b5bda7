package cn.jiesu.gateway.console;

import cn.jiesu.core.appeal.AppealStore;
import cn.jiesu.core.console.AgentState;
import cn.jiesu.core.console.ConsoleStores;
import cn.jiesu.core.console.PasswordHasher;
import cn.jiesu.core.console.PopState;
import cn.jiesu.core.console.PopStore;
import cn.jiesu.core.sla.SlaPolicy;
import cn.jiesu.gateway.FailureStreak;
import cn.jiesu.gateway.http.AuditLog;
import cn.jiesu.gateway.http.BlockingWork;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent console: screen pops over WebSocket with acknowledgement and replay, sign-in and sessions, agent
 * states, click-to-call and the supervisor wallboard. Deploy it before the HTTP verticle, then mount
 * {@link #mount} as a route group and hand {@link #events()} to the AMI call tracker.
 *
 * <p>Threading: everything runs on this verticle's context; {@link #events()} may be called from any thread.
 */
public final class ConsoleVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleVerticle.class);
    /** After the stored appeal reached the pops, look for links the cross-channel merge made since, at these delays. */
    static final long[] RELINK_DELAYS_MS = {2_000, 5_000, 10_000};

    private final ConsoleConfig config;
    private final BlockingWork work;
    private final MeterRegistry registry;
    private final Clock clock;
    private final SlaPolicy sla;
    private final AppealStore appeals;
    private final ConsoleStores stores;
    private final ConsoleTelephony telephony;
    private final AuditLog audit;
    private final HotspotDesk hotspotDesk;
    /** The hotline's time zone (the 三率's and deadlines'): the console shows every time in it. */
    private final java.time.ZoneId zone;

    private final AgentSockets sockets = new AgentSockets();
    private final Forwarding events = new Forwarding();
    private final FailureStreak sweepFailures = new FailureStreak(LOG, "draft sweep");
    private final FailureStreak hotspotFailures = new FailureStreak(LOG, "hotspot board");
    private volatile AgentStates memberTarget;
    private volatile ConsoleRoutes routes;
    private AgentStates states;
    private Wallboard wallboard;
    private WorkerExecutor checkWorkers;
    private AppealForms forms;
    private PopService pops;
    private HotspotPanel hotspots;

    public ConsoleVerticle(
            ConsoleConfig config,
            MeterRegistry registry,
            Clock clock,
            SlaPolicy sla,
            AppealStore appeals,
            ConsoleStores stores,
            ConsoleTelephony telephony,
            AuditLog audit,
            java.time.ZoneId zone) {
        this(
                config,
                new BlockingWork(Duration.ofSeconds(30)),
                registry,
                clock,
                sla,
                appeals,
                stores,
                telephony,
                audit,
                zone,
                HotspotDesk.none());
    }

    /** {@code work}: where sign-in checks are counted, so that stopping waits for those in flight. */
    public ConsoleVerticle(
            ConsoleConfig config,
            BlockingWork work,
            MeterRegistry registry,
            Clock clock,
            SlaPolicy sla,
            AppealStore appeals,
            ConsoleStores stores,
            ConsoleTelephony telephony,
            AuditLog audit,
            java.time.ZoneId zone,
            HotspotDesk hotspotDesk) {
        this.work = work;
        this.hotspotDesk = hotspotDesk;
        this.zone = zone;
        this.config = config;
        this.registry = registry;
        this.clock = clock;
        this.sla = sla;
        this.appeals = appeals;
        this.stores = stores;
        this.telephony = telephony;
        this.audit = audit;
    }

    @Override
    public Future<?> start() {
        ConsoleMetrics metrics = new ConsoleMetrics(registry, sockets::count);
        forms = new AppealForms(
                context, config, stores.appeals(), appeals, stores.drafts(), sla, metrics, stores.triage(), clock);
        CallerContext callers = new CallerContext(context, config, appeals, telephony.callbacks(), clock);
        // A name per running console: notices from this instance come back over Pub/Sub and are skipped.
        pops = new PopService(
                context,
                config,
                stores.pops(),
                callers,
                sockets,
                metrics,
                clock,
                this::callEnded,
                stores.fanout(),
                UUID.randomUUID().toString(),
                forms::reserve);
        states = new AgentStates(
                context, config, stores.agents(), telephony.queues(), sockets, pops::toAgent, clock, registry);
        memberTarget = states;
        wallboard = new Wallboard(registry, config.meters(), states, clock);
        hotspots = new HotspotPanel(hotspotDesk, context, clock);
        // Subscribed before the routes exist: no browser is served before this instance hears the others.
        Future<Void> subscribed = Future.fromCompletionStage(stores.fanout().subscribe(pops::remote), context);
        SignInConfig signIn = config.signIn();
        // PBKDF2 gets threads of its own: on the shared worker pool a sign-in flood would queue ahead of everything
        // else that blocks, and up to 20 threads of it would take every core.
        checkWorkers = vertx.createSharedWorkerExecutor("console-sign-in", signIn.workers());
        CheckBudget budget = new CheckBudget(clock, signIn.checksPerSecond(), signIn.workers() + signIn.queue());
        SecureRandom random = new SecureRandom();
        // The decoy hash for unknown extensions costs one PBKDF2 run: keep it off the event loop.
        return subscribed
                .compose(v -> vertx.executeBlocking(
                        () -> new PasswordChecks(
                                checkWorkers,
                                work,
                                metrics,
                                new PasswordHasher(random),
                                signIn.hashIterations(),
                                config.agents()),
                        false))
                .map(checks -> {
                    Sessions sessions = new Sessions(
                            context,
                            config,
                            stores.sessions(),
                            stores.attempts(),
                            stores.accounts(),
                            checks,
                            budget,
                            metrics,
                            clock,
                            random);
                    routes = new ConsoleRoutes(
                            vertx,
                            context,
                            config,
                            sessions,
                            pops,
                            forms,
                            states,
                            sockets,
                            wallboard,
                            hotspots,
                            telephony.dialer(),
                            telephony.callbacks(),
                            stores.pops(),
                            audit,
                            clock,
                            zone);
                    events.target = pops;
                    vertx.setPeriodic(config.wallboardInterval().toMillis(), id -> tick());
                    vertx.setPeriodic(
                            config.draftSweep().toMillis(),
                            id -> forms.sweep()
                                    .onSuccess(n -> sweepFailures.succeeded())
                                    .onFailure(sweepFailures::failed));
                    LOG.info(
                            "agent console ready: {} configured accounts",
                            config.agents().size());
                    return null;
                });
    }

    @Override
    public Future<?> stop() {
        // Checks in flight finish before their pool closes: one queued on a closed pool would never complete.
        Future<Void> drained = vertx.executeBlocking(
                () -> {
                    work.awaitIdle();
                    return null;
                },
                false);
        Future<Void> workers =
                drained.compose(v -> checkWorkers == null ? Future.succeededFuture() : checkWorkers.close());
        return workers.compose(v -> vertx.executeBlocking(
                () -> {
                    stores.fanout().close();
                    return null;
                },
                false));
    }

    /** The route group: {@code /console/**} and {@code /console/ws}. Valid once deployed. */
    public void mount(Router router) {
        ConsoleRoutes r = routes;
        if (r == null) {
            throw new IllegalStateException("deploy the console verticle before mounting its routes");
        }
        r.mount(router);
    }

    /** The port the AMI call tracker drives; events before deployment completes are dropped (and logged). */
    public AgentCallEvents events() {
        return events;
    }

    /**
     * The port the AMI call tracker's member listener drives (agents' pauses and calls as Asterisk sees them).
     * Reports before deployment completes are dropped: the gateway starts AMI only after the console is deployed,
     * so the tracker's first listing, which tells every member, arrives after.
     */
    public QueueMemberEvents members() {
        return member -> {
            AgentStates t = memberTarget;
            if (t != null) {
                t.observed(member);
            }
        };
    }

    private void callEnded(String linkedid, List<PopStore.PopRef> changed) {
        // The call's pops learn the stored appeal: the 受理号 it is filed under, the draft merged into it.
        forms.callEnded(linkedid)
                .onSuccess(appeal -> {
                    changed.forEach(ref -> pops.appeal(ref.ext(), ref.popId(), appeal));
                    relinked(appeal.getString("intakeId"), appeal.getJsonArray("related"), changed, 0);
                })
                .onFailure(
                        e -> LOG.debug("call {} ended; its pops show no stored appeal: {}", linkedid, e.getMessage()));
        for (PopStore.PopRef ref : changed) {
            if (config.autoWrapUp() && ref.previous() == PopState.CONNECTED) {
                // An agent answering on the softphone alone would stay paused for good: no console, no ready button.
                states.online(ref.ext())
                        .compose(online -> online
                                ? states.set(ref.ext(), AgentState.WRAP_UP, "wrap-up")
                                        .mapEmpty()
                                : Future.succeededFuture())
                        .onFailure(e -> LOG.warn("agent {} could not go to wrap-up: {}", ref.ext(), e.toString()));
            }
        }
    }

    /**
     * Looks again, after {@link #RELINK_DELAYS_MS}, for appeals the merge linked with the call's appeal after it was
     * stored (the agent's text is what lets it match the citizen's online appeals), and tells the pops when the
     * links changed.
     */
    private void relinked(String intakeId, JsonArray known, List<PopStore.PopRef> changed, int i) {
        if (intakeId == null || i >= RELINK_DELAYS_MS.length) {
            return;
        }
        vertx.setTimer(
                RELINK_DELAYS_MS[i],
                t -> forms.linked(intakeId)
                        .onSuccess(now -> {
                            JsonArray related = new JsonArray(now);
                            if (!related.equals(known)) {
                                JsonObject update = new JsonObject().put("related", related);
                                changed.forEach(ref -> pops.appeal(ref.ext(), ref.popId(), update));
                            }
                            relinked(intakeId, related, changed, i + 1);
                        })
                        .onFailure(e -> LOG.debug("links of appeal {} not read: {}", intakeId, e.toString())));
    }

    private void tick() {
        states.refresh().onComplete(r -> {
            if (sockets.hasSupervisors()) {
                sockets.sendSupervisors(new JsonObject()
                        .put("type", "wallboard")
                        .put("data", wallboard.snapshot())
                        .encode());
            }
        });
        pushHotspots();
    }

    /** Every console (agents' and supervisors') gets the hotspot list when it changed; a new socket asks for it. */
    private void pushHotspots() {
        if (!hotspotDesk.enabled() || sockets.count() == 0) {
            return;
        }
        hotspots.current()
                .onSuccess(current -> {
                    hotspotFailures.succeeded();
                    String frame = hotspots.changed(current);
                    if (frame != null) {
                        sockets.sendAll(frame);
                    }
                })
                .onFailure(hotspotFailures::failed);
    }

    /** Hands tracker events to the pop service once it exists. */
    private static final class Forwarding implements AgentCallEvents {
        private volatile AgentCallEvents target;

        @Override
        public void offered(CallOffer offer) {
            AgentCallEvents t = target;
            if (t == null) {
                LOG.warn("console not started: dropping offer of call {}", offer.linkedid());
            } else {
                t.offered(offer);
            }
        }

        @Override
        public void connected(CallOffer offer) {
            AgentCallEvents t = target;
            if (t != null) {
                t.connected(offer);
            }
        }

        @Override
        public void ended(String linkedid, Instant at) {
            AgentCallEvents t = target;
            if (t != null) {
                t.ended(linkedid, at);
            }
        }
    }
}
