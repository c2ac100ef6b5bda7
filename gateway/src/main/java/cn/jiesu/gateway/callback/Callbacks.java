package cn.jiesu.gateway.callback;

import cn.jiesu.core.appeal.AppealStore;
import cn.jiesu.core.callback.AgentAvailability;
import cn.jiesu.core.callback.CallbackConfig;
import cn.jiesu.core.callback.CallbackPlanner;
import cn.jiesu.core.callback.CallbackTriggers;
import cn.jiesu.core.intake.IntakeIds;
import cn.jiesu.gateway.GatewayConfig;
import cn.jiesu.gateway.console.CallbackDesk;
import cn.jiesu.gateway.http.AuditLog;
import cn.jiesu.gateway.http.RouteMount;
import cn.jiesu.ivr.ami.AmiConnector;
import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.StreamKeys;
import cn.jiesu.redis.callback.AttemptListener;
import cn.jiesu.redis.callback.BreachWatch;
import cn.jiesu.redis.callback.CallbackKeys;
import cn.jiesu.redis.callback.CallbackLeases;
import cn.jiesu.redis.callback.CallbackScheduler;
import cn.jiesu.redis.callback.CallbackStore;
import cn.jiesu.redis.callback.RateStore;
import cn.jiesu.redis.intake.IntakeConsumer;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The callback subsystem as the gateway composes it: the shared schedule in Redis, the intake consumer that
 * creates callbacks from appeals, the scheduler that dials through AMI (only where AMI is configured), the breach
 * watch, the 三率 gauges and the HTTP routes. Built in two steps because the phone line needs its AMI sink and
 * survey observer before the scheduler can get the phone line's AMI connector.
 */
public final class Callbacks implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Callbacks.class);

    private final CallbackSettings settings;
    private final GatewayConfig config;
    private final RedisClients redis;
    private final Clock clock;
    private final MeterRegistry registry;
    private final CallbackPlanner planner;
    private final CallbackStore store;
    private final CallbackLeases leases;
    private final RateStore rates;
    private final CallbackTriggers triggers;
    private final OutboundCalls outbound;
    private final SurveyRecorder survey;
    private final List<AutoCloseable> running = new ArrayList<>();
    private final List<RouteMount> mounts = new ArrayList<>();
    private volatile CallbackScheduler scheduler;
    private IntakeConsumer intake;
    private RateGauges gauges;
    private BreachWatch watch;

    private Callbacks(GatewayConfig config, RedisClients redis, Clock clock, MeterRegistry registry) {
        this.config = config;
        this.settings = config.callbacks();
        this.redis = redis;
        this.clock = clock;
        this.registry = registry;
        CallbackConfig cbc = settings.config();
        CallbackKeys keys = new CallbackKeys(config.redis().keyPrefix());
        this.planner = new CallbackPlanner(cbc, clock);
        this.store = new CallbackStore(redis, keys, planner, new IntakeIds(clock, new SecureRandom()), registry);
        this.leases = new CallbackLeases(redis, keys, clock);
        this.rates = new RateStore(redis, keys, cbc.window().zone());
        this.triggers = new CallbackTriggers(cbc.rules());
        this.outbound = new OutboundCalls(clock);
        this.survey = new SurveyRecorder(rates, clock);
    }

    public static Callbacks create(GatewayConfig config, RedisClients redis, Clock clock, MeterRegistry registry) {
        return new Callbacks(config, redis, clock, registry);
    }

    /** Watches the dialer's own outbound calls on the AMI consumer thread. */
    public OutboundCalls outbound() {
        return outbound;
    }

    /** Stores survey answers from the IVR's survey flow. */
    public SurveyRecorder survey() {
        return survey;
    }

    /**
     * Second step: the scheduler (when AMI exists), the consumer, gauges and routes.
     *
     * @param agents free agents per queue (the call tracker's count): agent-first callbacks stay within them
     * @param audit  records bookings and resolutions made over HTTP
     */
    public void attach(Vertx vertx, AppealStore appeals, AmiConnector ami, AgentAvailability agents, AuditLog audit) {
        CallbackConfig cbc = settings.config();
        if (ami != null) {
            scheduler = new CallbackScheduler(settings.instanceId(), cbc, planner, leases,
                    new AmiDialer(ami, outbound, settings.dial()), outbound, agents,
                    AttemptListener.all(new ResponseRecorder(rates), survey), registry, clock, 1.0);
            FreeAgentGauges.register(registry, agents, List.of(cbc.rules().queue(), cbc.rules().emergencyQueue()));
        }
        watch = new BreachWatch(settings.instanceId(), cbc, leases, registry, clock, 1.0);
        // The 三率 gauges follow the other shared gauges' cadence (callbacks.risk-interval, 10 s by default): a few
        // small hash reads per refresh, and the wallboard shows a new rating within one interval.
        gauges = new RateGauges(rates, cbc.window().zone(), clock, cbc.riskInterval(), registry);
        intake = new IntakeConsumer(redis, new StreamKeys(config.redis().keyPrefix()), config.redis(), "callbacks",
                settings.instanceId(), new CallbackIntake(triggers, store, rates, config.sla(), this::wake),
                registry, clock);
        mounts.add(new CallbackRoutes(vertx, appeals, store, rates, triggers, cbc.window(), this::wake, audit,
                clock)::mount);
        mounts.add(new RateRoutes(vertx, rates, cbc.window().zone(), clock)::mount);
    }

    public List<RouteMount> mounts() {
        return List.copyOf(mounts);
    }

    /** For the agent console: open callbacks by phone, and click-to-call results. */
    public CallbackDesk desk() {
        return new StoreCallbackDesk(store, this::wake);
    }

    public void start() {
        intake.start().toCompletableFuture().join();
        running.add(intake);
        gauges.start();
        running.add(gauges);
        // The gauges (pending callbacks, at risk, trunks) read the shared schedule: true on every instance.
        watch.start(settings.enabled());
        running.add(watch);
        if (settings.enabled()) {
            if (scheduler != null) {
                scheduler.start();
                running.add(scheduler);
            } else {
                LOG.info("callbacks: no AMI configured, so this instance schedules callbacks but does not dial");
            }
        }
    }

    private void wake() {
        CallbackScheduler s = scheduler;
        if (s != null) {
            s.wake();
        }
    }

    /** Stops in reverse: the scheduler drains before the consumer and Redis go away. */
    @Override
    public void close() {
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", running.get(i).getClass().getSimpleName(), e.toString());
            }
        }
        running.clear();
    }
}
