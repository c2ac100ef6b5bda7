package cn.jiesu.gateway;

import cn.jiesu.core.console.ConsoleStores;
import cn.jiesu.gateway.callback.Callbacks;
import cn.jiesu.gateway.channels.IntakeChannels;
import cn.jiesu.gateway.config.GatewayConfig;
import cn.jiesu.gateway.console.AmiTelephony;
import cn.jiesu.gateway.console.ConsoleConfig;
import cn.jiesu.gateway.console.ConsoleDials;
import cn.jiesu.gateway.console.ConsoleTelephony;
import cn.jiesu.gateway.console.ConsoleVerticle;
import cn.jiesu.gateway.console.JsonNoticeCodec;
import cn.jiesu.gateway.console.TrackerCallEvents;
import cn.jiesu.gateway.http.AuditLog;
import cn.jiesu.gateway.http.BearerTokens;
import cn.jiesu.gateway.http.CaseApiGuard;
import cn.jiesu.gateway.http.HealthCheck;
import cn.jiesu.gateway.http.HealthRoutes;
import cn.jiesu.gateway.http.HttpVerticle;
import cn.jiesu.gateway.http.IntakeRoutes;
import cn.jiesu.gateway.http.TriageReviewGauge;
import cn.jiesu.gateway.http.TriageRoutes;
import cn.jiesu.gateway.http.RouteMount;
import cn.jiesu.gateway.phone.AmiHealthCheck;
import cn.jiesu.gateway.phone.PhoneLine;
import cn.jiesu.gateway.phone.StatusLookupLimits;
import cn.jiesu.ivr.flow.FlowObserver;
import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.RedisMemory;
import cn.jiesu.redis.StreamKeys;
import cn.jiesu.redis.console.RedisConsoleStores;
import cn.jiesu.redis.intake.RedisAppealSearch;
import cn.jiesu.redis.intake.RedisAppealStore;
import cn.jiesu.redis.intake.TriageReviews;
import cn.jiesu.redis.ivr.RedisLookupBudget;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.ext.web.Route;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every collaborator from the config, starts them in dependency order and stops
 * them in reverse. Nothing else in the code base creates long-lived services.
 */
public final class Gateway {
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    /** A click-to-call whose citizen leg has no result after this is given up (agent ring + citizen ring). */
    private static final Duration CLICK_TO_CALL_MAX_WAIT = Duration.ofMinutes(5);

    private final Vertx vertx;
    private final PrometheusMeterRegistry registry;
    private final RedisClients redis;
    private final List<AutoCloseable> closeables;
    private final String httpDeployment;
    private final HttpVerticle http;
    private final int httpPort;

    private Gateway(Vertx vertx, PrometheusMeterRegistry registry, RedisClients redis, List<AutoCloseable> closeables,
                    String httpDeployment, HttpVerticle http) {
        this.vertx = vertx;
        this.registry = registry;
        this.redis = redis;
        this.closeables = closeables;
        this.httpDeployment = httpDeployment;
        this.http = http;
        this.httpPort = http.actualPort();
    }

    public static Future<Gateway> start(GatewayConfig config, Clock clock) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(new cn.jiesu.gateway.http.BoundedMeterTags()); // before any meter
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        Vertx vertx = Vertx.builder()
                .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
                .withMetrics(new MicrometerMetricsFactory(registry))
                .build();
        List<AutoCloseable> closeables = new ArrayList<>();
        return blocking(vertx, () -> RedisClients.connect(config.redis(), registry))
                .compose(redis -> blocking(vertx, () -> { // off the event loop: the triage model trains here
                    closeables.add(redis);
                    StreamKeys keys = new StreamKeys(config.redis().keyPrefix());
                    RedisAppealStore store = new RedisAppealStore(redis, keys, config.redis(),
                            config.intake().searchWindow(), registry, clock);
                    IntakeChannels channels = IntakeChannels.create(config, redis, store, registry, clock);
                    closeables.add(channels);
                    Callbacks cb = Callbacks.create(config, redis, clock, registry);
                    // Click-to-call results: the citizen leg's DialEnd, on the AMI consumer thread.
                    ConsoleDials dials = new ConsoleDials(CLICK_TO_CALL_MAX_WAIT);
                    StatusLookupLimits lookups = config.phone().lookups();
                    PhoneLine phone = new PhoneLine(config.phone(), store, config.sla(), clock, registry,
                            tracker -> dials.behind(cb.outbound().behind(tracker)),
                            cb.survey().alongside(FlowObserver.NONE),
                            new RedisLookupBudget(redis, config.redis().keyPrefix(), lookups.dailyPerCaller(),
                                    lookups.dailyAnonymous(), lookups.zone(), clock));
                    closeables.add(phone);
                    // Agent-first callbacks never ring more agents than the tracker counts free in the queue.
                    // Its own logger, so operators can ship the audit trail apart from the application log.
                    AuditLog audit = new AuditLog(LoggerFactory.getLogger("jiesu.audit"), clock);
                    cb.attach(vertx, store, phone.ami(), phone.tracker()::freeAgents, audit);
                    closeables.add(cb);
                    RedisMemory memory = new RedisMemory(redis, config.redis().keyPrefix());
                    RedisMemoryGauge memoryGauge = new RedisMemoryGauge(vertx, memory, registry,
                            Duration.ofSeconds(5));
                    closeables.add(memoryGauge);
                    memory.usage().thenAccept(u -> {
                        if (u.maxBytes() == 0) {
                            LOG.warn("Redis has no maxmemory: it grows until the kernel kills it; set one "
                                    + "(config/redis/redis.conf) and alert on redis_memory_used_ratio");
                        }
                    });
                    List<HealthCheck> readiness = List.of(new RedisWritable(vertx, memory, memoryGauge));
                    List<HealthCheck> checks = new ArrayList<>(List.of(new RedisHealth(vertx, redis)));
                    if (phone.ami() != null) {
                        checks.add(new AmiHealthCheck(phone.ami()));
                    }
                    ConsoleConfig cc = config.console();
                    ConsoleStores stores = RedisConsoleStores.create(redis, store, cc.agents(), cc.phoneAccount(),
                            new JsonNoticeCodec(), clock);
                    // An agent's form gives a phone appeal its text: only then can it merge with online appeals.
                    ConsoleVerticle console = new ConsoleVerticle(cc, registry, clock, config.sla(), store,
                            stores.withAppeals(channels.remergeAfterEnrich(stores.appeals())),
                            consoleTelephony(cc, phone, cb, dials), audit);
                    TrackerCallEvents.attach(phone.tracker(), console.events());
                    CaseApiGuard apiGuard = new CaseApiGuard(config.channels().apiTokens(),
                            config.channels().adminToken());
                    if (!apiGuard.configured()) {
                        LOG.warn("admin.api-token is not set: the case-handling APIs under /api/ refuse every request "
                                + "(set JIESU_ADMIN_API_TOKEN)");
                    }
                    TriageReviews reviews = new TriageReviews(redis, new StreamKeys(config.redis().keyPrefix()),
                            config.redis(), store);
                    closeables.add(new TriageReviewGauge(vertx, reviews, registry, Duration.ofSeconds(5)));
                    List<RouteMount> mounts = new ArrayList<>(List.of(
                            apiGuard::mount, // before the routes it guards
                            new HealthRoutes(checks, readiness, Duration.ofSeconds(2))::mount,
                            new TriageRoutes(vertx, store, reviews, config.sla(), clock)::mount,
                            new IntakeRoutes(vertx, store,
                                    new RedisAppealSearch(redis, keys, store, channels.citizens()))::mount));
                    mounts.addAll(channels.mounts());
                    mounts.addAll(cb.mounts());
                    if (cc.enabled()) {
                        mounts.add(console::mount);
                    }
                    HttpVerticle http = new HttpVerticle(config.http(), registry,
                            new BearerTokens(config.metrics().tokens()), mounts);
                    // The console deploys first: its WebSocket route must exist before the router serves.
                    Future<String> consoleUp = cc.enabled() ? vertx.deployVerticle(console)
                            : Future.succeededFuture("");
                    return consoleUp.compose(c -> vertx.deployVerticle(http))
                            .compose(id -> channels.start().map(id))
                            .compose(id -> blocking(vertx, () -> {
                                phone.start();
                                cb.start();
                                return id;
                            }))
                            .map(id -> new Gateway(vertx, registry, redis, closeables, id, http));
                })).compose(up -> up)
                .onFailure(e -> {
                    closeAll(closeables);
                    vertx.close();
                });
    }

    private static ConsoleTelephony consoleTelephony(ConsoleConfig cc, PhoneLine phone, Callbacks cb,
                                                     ConsoleDials dials) {
        if (phone.ami() == null) {
            return ConsoleTelephony.none();
        }
        return new ConsoleTelephony(AmiTelephony.queues(phone.ami()),
                AmiTelephony.dialer(phone.ami(), dials, cc.clickToCall().endpoint(), cc.clickToCall().context(),
                        cc.clickToCall().callerId()),
                cb.desk());
    }

    /**
     * Stops accepting requests first, then drains and closes services in reverse start order, then Vert.x. Call it
     * from a thread that is not a Vert.x thread (Main's shutdown hook, a test).
     */
    public CompletableFuture<Void> stop() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        vertx.undeploy(httpDeployment)
                .recover(e -> Future.succeededFuture())
                .compose(v -> blocking(vertx, () -> {
                    closeAll(closeables);
                    return null;
                }))
                .onComplete(ignored -> Thread.ofPlatform().name("jiesu-vertx-close").start(() -> {
                    // Closed from a plain thread: a close completed on a dying event loop never reports back.
                    vertx.close().onComplete(r -> done.complete(null));
                }));
        return done;
    }

    public int httpPort() {
        return httpPort;
    }

    /** Every mounted HTTP route (for the test that walks them all without credentials). */
    public List<Route> routes() {
        return http.routes();
    }

    /** The HTTP routes mounted, as paths or patterns. */
    public List<String> routePaths() {
        return http.routePaths();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public Vertx vertx() {
        return vertx;
    }

    private static void closeAll(List<AutoCloseable> closeables) {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", closeables.get(i).getClass().getSimpleName(), e.toString());
            }
        }
        closeables.clear();
    }

    private static <T> Future<T> blocking(Vertx vertx, Callable<T> work) {
        return vertx.executeBlocking(work, false);
    }
}
