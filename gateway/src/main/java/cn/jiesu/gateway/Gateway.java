package cn.jiesu.gateway;

import cn.jiesu.callbacks.AmiDialer;
import cn.jiesu.callbacks.AttemptListener;
import cn.jiesu.callbacks.BreachWatch;
import cn.jiesu.callbacks.CallbackDesk;
import cn.jiesu.callbacks.CallbackIntake;
import cn.jiesu.callbacks.CallbackScheduler;
import cn.jiesu.callbacks.ClickToCall;
import cn.jiesu.callbacks.DistrictRateGauges;
import cn.jiesu.callbacks.FreeAgentGauges;
import cn.jiesu.callbacks.OutboundCalls;
import cn.jiesu.callbacks.RateGauges;
import cn.jiesu.callbacks.ResponseRecorder;
import cn.jiesu.callbacks.StoreCallbackDesk;
import cn.jiesu.callbacks.SurveyRecorder;
import cn.jiesu.channels.classify.ReloadableClassifier;
import cn.jiesu.core.appeal.AppealStore;
import cn.jiesu.core.callback.CallbackConfig;
import cn.jiesu.core.callback.CallbackLeases;
import cn.jiesu.core.callback.CallbackPlanner;
import cn.jiesu.core.callback.CallbackStore;
import cn.jiesu.core.callback.CallbackTriggers;
import cn.jiesu.core.classify.Classifier;
import cn.jiesu.core.classify.TextNormalizer;
import cn.jiesu.core.console.AgentAccounts;
import cn.jiesu.core.console.CallAppeals;
import cn.jiesu.core.console.ConsoleStores;
import cn.jiesu.core.hotspot.HotspotBoard;
import cn.jiesu.core.intake.IntakeIds;
import cn.jiesu.core.merge.CrossChannelMerge;
import cn.jiesu.core.merge.TextSimilarity;
import cn.jiesu.core.place.District;
import cn.jiesu.core.place.Gazetteer;
import cn.jiesu.core.place.PlaceOnEnrich;
import cn.jiesu.core.place.PlaceResolution;
import cn.jiesu.core.place.PlacingAppealStore;
import cn.jiesu.core.problems.ProblemCounter;
import cn.jiesu.core.problems.ProblemStore;
import cn.jiesu.core.rates.RateStore;
import cn.jiesu.gateway.callback.CallbackRoutes;
import cn.jiesu.gateway.callback.CallbackSettings;
import cn.jiesu.gateway.callback.RankingRoutes;
import cn.jiesu.gateway.callback.RateRoutes;
import cn.jiesu.gateway.channels.ChannelMounts;
import cn.jiesu.gateway.channels.MergeOnIntake;
import cn.jiesu.gateway.channels.RemergeOnEnrich;
import cn.jiesu.gateway.channels.Sighup;
import cn.jiesu.gateway.config.ChannelsConfig;
import cn.jiesu.gateway.config.GazetteerConfig;
import cn.jiesu.gateway.console.ConsoleConfig;
import cn.jiesu.gateway.console.ConsoleTelephony;
import cn.jiesu.gateway.console.ConsoleVerticle;
import cn.jiesu.gateway.console.HotspotDesk;
import cn.jiesu.gateway.console.JsonNoticeCodec;
import cn.jiesu.gateway.console.TrackerCallEvents;
import cn.jiesu.gateway.hotspot.Hotspots;
import cn.jiesu.gateway.http.AuditLog;
import cn.jiesu.gateway.http.BearerTokens;
import cn.jiesu.gateway.http.BlockingWork;
import cn.jiesu.gateway.http.CaseApiGuard;
import cn.jiesu.gateway.http.HealthCheck;
import cn.jiesu.gateway.http.HealthRoutes;
import cn.jiesu.gateway.http.HttpVerticle;
import cn.jiesu.gateway.http.IntakeRoutes;
import cn.jiesu.gateway.http.KnownNames;
import cn.jiesu.gateway.http.RouteMount;
import cn.jiesu.gateway.http.TriageReviewGauge;
import cn.jiesu.gateway.http.TriageRoutes;
import cn.jiesu.gateway.phone.AmiHealthCheck;
import cn.jiesu.gateway.phone.PhoneConfig;
import cn.jiesu.gateway.phone.StatusLookupLimits;
import cn.jiesu.gateway.phone.TrackerWaitEstimator;
import cn.jiesu.gateway.problems.ProblemRoutes;
import cn.jiesu.gateway.problems.ProblemsConfig;
import cn.jiesu.ivr.agi.IvrAgiServer;
import cn.jiesu.ivr.ami.AmiConnector;
import cn.jiesu.ivr.call.CallIntakeFactory;
import cn.jiesu.ivr.call.CallTracker;
import cn.jiesu.ivr.call.IntakeAppender;
import cn.jiesu.ivr.call.TrackerSettings;
import cn.jiesu.ivr.flow.FlowObserver;
import cn.jiesu.ivr.flow.FlowServices;
import cn.jiesu.ivr.flow.StatusLookupGuard;
import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.RedisMemory;
import cn.jiesu.redis.StreamKeys;
import cn.jiesu.redis.callback.CallbackKeys;
import cn.jiesu.redis.callback.RedisCallbackLeases;
import cn.jiesu.redis.callback.RedisCallbackStore;
import cn.jiesu.redis.callback.RedisRateStore;
import cn.jiesu.redis.channels.ChannelKeys;
import cn.jiesu.redis.channels.CitizenIndex;
import cn.jiesu.redis.console.ConsoleKeys;
import cn.jiesu.redis.console.RedisAgentDirectory;
import cn.jiesu.redis.console.RedisAgentStates;
import cn.jiesu.redis.console.RedisCallAppeals;
import cn.jiesu.redis.console.RedisConsoleFanout;
import cn.jiesu.redis.console.RedisDraftStore;
import cn.jiesu.redis.console.RedisPopStore;
import cn.jiesu.redis.console.RedisSessionStore;
import cn.jiesu.redis.console.RedisSignInAttempts;
import cn.jiesu.redis.console.RedisUpgradedHashes;
import cn.jiesu.redis.intake.IntakeConsumer;
import cn.jiesu.redis.intake.RedisAppealSearch;
import cn.jiesu.redis.intake.RedisAppealStore;
import cn.jiesu.redis.intake.StreamTrimmer;
import cn.jiesu.redis.intake.TriageReviews;
import cn.jiesu.redis.ivr.RedisLookupBudget;
import cn.jiesu.redis.problems.ProblemKeys;
import cn.jiesu.redis.problems.RedisProblemStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root, and the only one: it builds every long-lived service from the config, in this order:
 * config → meter registry and Vert.x → Redis → stores → telephony (call tracker, AMI, FastAGI) → callbacks →
 * channels → console → HTTP. Everything that must be closed goes on one list as it is built, and {@link #stop}
 * closes that list in reverse. Gauge loops that only read Redis start as they are built; the services that take
 * traffic start at the end, console and HTTP first, then the consumers, FastAGI, AMI and the callback scheduler.
 * Every background loop and thread the gateway starts is built here (docs/threads.md is the map), with one
 * exception by necessity: the console verticle builds its per-context parts (sessions, pops, wallboard timers) in
 * its own start, on the event loop they must live on.
 */
public final class Gateway {
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    /** The longest shutdown waits for a classifier reload (seconds of training) or a sign-in check in flight. */
    static final Duration REQUEST_WORK_DRAIN = Duration.ofSeconds(30);

    private final Vertx vertx;
    private final PrometheusMeterRegistry registry;
    private final List<AutoCloseable> closeables;
    private final String httpDeployment;
    private final HttpVerticle http;
    private final int httpPort;

    private Gateway(
            Vertx vertx,
            PrometheusMeterRegistry registry,
            List<AutoCloseable> closeables,
            String httpDeployment,
            HttpVerticle http) {
        this.vertx = vertx;
        this.registry = registry;
        this.closeables = closeables;
        this.httpDeployment = httpDeployment;
        this.http = http;
        this.httpPort = http.actualPort();
    }

    public static Future<Gateway> start(GatewayConfig config, Clock clock) {
        // Meter registry and Vert.x.
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(new cn.jiesu.gateway.http.BoundedMeterTags()); // before any meter
        registry.config().namingConvention(new cn.jiesu.gateway.http.PrometheusNames()); // jiesu_* on /metrics
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        // A registry name of its own: vertx-micrometer-metrics keeps backends in a static map by name, so a second
        // gateway in one JVM (the parallel ITs, an embedding) would otherwise report its Vert.x meters to the first's.
        Vertx vertx = Vertx.builder()
                .with(new VertxOptions()
                        .setMetricsOptions(new MicrometerMetricsOptions()
                                .setEnabled(true)
                                .setRegistryName("jiesu-gateway-" + java.util.UUID.randomUUID())))
                .withMetrics(new MicrometerMetricsFactory(registry))
                .build();
        // Closed in reverse order of this list: whatever is built later goes first.
        List<AutoCloseable> closeables = new ArrayList<>();
        return blocking(vertx, () -> RedisClients.connect(config.redis(), registry))
                .compose(redis -> blocking(
                        vertx,
                        () -> { // off the event loop: the triage model trains here
                            closeables.add(redis);
                            return wire(config, clock, registry, vertx, redis, closeables);
                        }))
                .compose(up -> up)
                .onFailure(e -> {
                    closeAll(closeables);
                    vertx.close();
                });
    }

    /** The loop of the district 三率 gauges: the gazetteer's districts (none without one) and unknown. */
    private static Loop districtRateLoop(
            GatewayConfig config, RateStore rates, ZoneId zone, Duration every, Clock clock, MeterRegistry registry) {
        Gazetteer g = config.gazetteer().gazetteer();
        List<String> districts = g == null
                ? List.of()
                : g.districts().stream().map(District::name).toList();
        DistrictRateGauges gauges = new DistrictRateGauges(rates, districts, zone, clock, registry);
        return new Loop("district-rate-gauges", Duration.ZERO, every, gauges::refresh, registry);
    }

    /**
     * The store appends go through: placing each appeal in the gazetteer when one is configured. Counts
     * {@code place.resolved} by level (unit, district, none), so operators see how much the gazetteer misses.
     */
    private static AppealStore placing(RedisAppealStore store, GazetteerConfig gazetteer, MeterRegistry registry) {
        if (gazetteer.resolver().isEmpty()) {
            LOG.warn("gazetteer.file is empty: appeals are not placed; 三率 by street and hotspots see only unknown");
            return store;
        }
        Map<PlaceResolution.Level, Counter> counters = new EnumMap<>(PlaceResolution.Level.class);
        for (PlaceResolution.Level level : PlaceResolution.Level.values()) {
            counters.put(
                    level,
                    Counter.builder("place.resolved")
                            .description("Appeals placed by the gazetteer at intake, by how far: unit, district, none")
                            .tag("level", level.name().toLowerCase(Locale.ROOT))
                            .register(registry));
        }
        LOG.info("gazetteer: {} from {}", gazetteer.gazetteer(), gazetteer.file());
        return new PlacingAppealStore(
                store,
                gazetteer.resolver().orElseThrow(),
                r -> counters.get(r.level()).increment());
    }

    /**
     * The console's hotspot panels: the live board, and the gazetteer and triage rules that tell which hotspot an
     * agent's form is about.
     */
    private static HotspotDesk consoleHotspots(
            GatewayConfig config, ReloadableClassifier classifier, HotspotBoard board) {
        return new HotspotDesk(board, config.gazetteer().resolver().orElse(null), classifier);
    }

    /**
     * The console's appeals, placed again when an agent's form gives a phone appeal its address and text: the marks
     * are written, 三率 move to the new place and recurring problems count it (PlaceOnEnrich). Without a gazetteer,
     * the appeals as they are.
     */
    private static CallAppeals placedOnEnrich(
            CallAppeals appeals,
            AppealStore store,
            AppealStore intake,
            Classifier classifier,
            RateStore rates,
            java.util.function.Function<cn.jiesu.core.intake.Intake, CompletionStage<Void>> problems) {
        if (!(intake instanceof PlacingAppealStore placing)) {
            return appeals;
        }
        return new PlaceOnEnrich(
                appeals,
                store,
                placing,
                classifier,
                rates,
                problems,
                e -> LOG.warn("placing an enriched appeal failed: {}", e.toString()));
    }

    private static Future<Gateway> wire(
            GatewayConfig config,
            Clock clock,
            PrometheusMeterRegistry registry,
            Vertx vertx,
            RedisClients redis,
            List<AutoCloseable> closeables) {
        // Closed after everything else, just before Vert.x: a reload or sign-in check still running finishes first.
        BlockingWork requestWork = new BlockingWork(REQUEST_WORK_DRAIN);
        closeables.add(requestWork);
        // Stores: every Redis-backed store, built on the one connection.
        String prefix = config.redis().keyPrefix();
        StreamKeys keys = new StreamKeys(prefix);
        RedisAppealStore store = new RedisAppealStore(
                redis, keys, config.redis(), config.intake().searchWindow(), registry, clock);
        // Every append (channels and the phone) goes through the gazetteer, so each appeal is placed once, at intake.
        AppealStore intake = placing(store, config.gazetteer(), registry);
        CallbackSettings cbs = config.callbacks();
        CallbackConfig cbc = cbs.config();
        CallbackKeys callbackKeys = new CallbackKeys(prefix);
        CallbackPlanner planner = new CallbackPlanner(cbc, clock);
        CallbackStore callbacks = new RedisCallbackStore(
                redis, callbackKeys, planner, new IntakeIds(clock, new SecureRandom()), registry);
        CallbackLeases leases = new RedisCallbackLeases(redis, callbackKeys, clock);
        RateStore rates = new RedisRateStore(redis, callbackKeys, cbc.window().zone());
        ConsoleConfig cc = config.console();
        ConsoleStores consoleStores = consoleStores(redis, store, cc, clock);
        TriageReviews reviews = new TriageReviews(redis, keys, config.redis(), store);
        StatusLookupLimits lookups = config.phone().lookups();
        RedisLookupBudget lookupBudget = new RedisLookupBudget(
                redis, prefix, lookups.dailyPerCaller(), lookups.dailyAnonymous(), lookups.zone(), clock);
        RedisMemory memory = new RedisMemory(redis, prefix);
        RedisMemoryGauge memoryGauge = new RedisMemoryGauge(memory, registry);
        closeables.add(
                new Loop("redis-memory", Duration.ZERO, Duration.ofSeconds(5), memoryGauge::refresh, registry).start());
        memory.usage().thenAccept(u -> {
            if (u.maxBytes() == 0) {
                LOG.warn("Redis has no maxmemory: it grows until the kernel kills it; set one "
                        + "(config/redis/redis.conf) and alert on redis_memory_used_ratio");
            }
        });
        // The intake stream is cut below what every group acknowledged and below redis.stream-retention.
        StreamTrimmer trimmer = new StreamTrimmer(redis, keys, config.redis(), clock);
        closeables.add(new Loop(
                        "intake-trimmer",
                        config.redis().trimInterval(),
                        config.redis().trimInterval(),
                        trimmer::trimLogged,
                        registry)
                .start());
        TriageReviewGauge reviewGauge = new TriageReviewGauge(reviews, registry);
        closeables.add(
                new Loop("triage-review-gauge", Duration.ZERO, Duration.ofSeconds(5), reviewGauge::refresh, registry)
                        .start());

        // Telephony: the call tracker (one phone appeal per call) and, where configured, AMI feeding it and the
        // FastAGI server running the IVR. The AMI consumer thread also feeds the one watcher of our outbound calls
        // (callbacks, click-to-call); the IVR's steps also go to the survey recorder.
        OutboundCalls outbound = new OutboundCalls(clock);
        SurveyRecorder survey = new SurveyRecorder(rates, clock);
        PhoneConfig phone = config.phone();
        ScheduledExecutorService appendRetries = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("jiesu-append-retry").factory());
        closeables.add(appendRetries::shutdown);
        TrackerSettings tracking = TrackerSettings.DEFAULTS;
        IntakeAppender appender =
                new IntakeAppender(intake, appendRetries, Duration.ofMillis(100), Duration.ofSeconds(10), registry);
        CallTracker tracker = new CallTracker(
                tracking,
                new CallIntakeFactory(tracking, config.sla(), new IntakeIds(clock, new SecureRandom())),
                appender::append,
                clock,
                registry);
        // Closed after FastAGI (no new IVR sessions first), so that calls ending meanwhile are still tracked.
        AmiConnector ami =
                phone.ami() == null ? null : new AmiConnector(phone.ami(), outbound.behind(tracker), clock, registry);
        if (ami != null) {
            closeables.add(ami);
        }
        IvrAgiServer agi = phone.agi() == null
                ? null
                : new IvrAgiServer(
                        phone.agi(),
                        phone.ivr(),
                        new FlowServices(
                                store,
                                new TrackerWaitEstimator(tracker, clock),
                                survey.alongside(FlowObserver.NONE),
                                new StatusLookupGuard(lookupBudget, lookups.maxMissesPerCall())),
                        registry);
        if (agi != null) {
            closeables.add(agi);
        }

        // Callbacks: the intake consumer that creates them, the dial loop (only where AMI is configured), the breach
        // watch and the 三率 gauges. Closed before telephony: the scheduler drains while AMI still reports hangups.
        // Its own logger, so operators can ship the audit trail apart from the application log.
        AuditLog audit = new AuditLog(LoggerFactory.getLogger("jiesu.audit"), clock);
        CallbackTriggers triggers = new CallbackTriggers(cbc.rules());
        // Agent-first callbacks never ring more agents than the tracker counts free in the queue.
        CallbackScheduler scheduler = ami == null
                ? null
                : new CallbackScheduler(
                        cbs.instanceId(),
                        cbc,
                        planner,
                        leases,
                        new AmiDialer(ami, outbound, cbs.dial()),
                        outbound,
                        tracker::freeAgents,
                        AttemptListener.all(new ResponseRecorder(rates), survey),
                        registry,
                        clock,
                        1.0);
        if (scheduler != null) {
            FreeAgentGauges.register(
                    registry,
                    tracker::freeAgents,
                    List.of(cbc.rules().queue(), cbc.rules().emergencyQueue()));
        }
        Runnable wake = scheduler == null ? () -> {} : scheduler::wake;
        CallbackIntake callbackIntake = new CallbackIntake(triggers, callbacks, rates, config.sla(), wake);
        IntakeConsumer callbackConsumer = new IntakeConsumer(
                redis,
                keys,
                config.redis(),
                "callbacks",
                cbs.instanceId(),
                entry -> callbackIntake.handle(entry.intake()),
                registry,
                clock);
        closeables.add(callbackConsumer);
        // Recurring problems (举一反三, docs/problems.md): their own group counts each appeal once per (topic, place)
        // and local month (the 三率's zone); the API reads what any instance counted.
        ProblemsConfig pc = config.problems();
        ProblemStore problems = new RedisProblemStore(
                redis, new ProblemKeys(prefix), cbc.window().zone(), pc.retentionMonths(), pc.appealsPerMonth(), clock);
        ProblemCounter problemCounter =
                new ProblemCounter(problems, cbc.window().zone());
        IntakeConsumer problemConsumer = pc.enabled()
                ? new IntakeConsumer(
                        redis,
                        keys,
                        config.redis(),
                        "problems",
                        cbs.instanceId(),
                        entry -> problemCounter.handle(entry.intake()),
                        registry,
                        clock)
                : null;
        if (problemConsumer != null) {
            closeables.add(problemConsumer);
        }
        // The 三率 gauges follow the other shared gauges' cadence (callbacks.risk-interval, 10 s by default): a few
        // small hash reads per refresh, and the wallboard shows a new rating within one interval.
        RateGauges rateGauges = new RateGauges(rates, cbc.window().zone(), clock, registry);
        Loop rateLoop = new Loop("rate-gauges", Duration.ZERO, cbc.riskInterval(), rateGauges::refresh, registry);
        closeables.add(rateLoop);
        // 三率 by district (issue 16): the gazetteer's districts, a closed set, each refreshed with the overall ones.
        Loop districtRateLoop =
                districtRateLoop(config, rates, cbc.window().zone(), cbc.riskInterval(), clock, registry);
        closeables.add(districtRateLoop);
        // The shared gauges (pending callbacks, at risk, trunks) are refreshed on every instance; only an instance
        // that schedules callbacks forecasts.
        BreachWatch watch = new BreachWatch(cbs.instanceId(), cbc, leases, registry, clock, cbs.enabled());
        Loop watchLoop = new Loop("callback-forecast", Duration.ZERO, cbc.riskInterval(), watch::runOnce, registry);
        closeables.add(watchLoop);
        if (scheduler != null) {
            closeables.add(scheduler);
        }
        CallbackDesk desk = new StoreCallbackDesk(callbacks, wake);

        // Channels: the classifier, the citizen index, the channel routes and the cross-channel merge consumer on the
        // intake stream (group intake.group), with SIGHUP reload and the rule file watch.
        ChannelsConfig ch = config.channels();
        ReloadableClassifier classifier = ReloadableClassifier.load(ch.classificationFile(), TextNormalizer.standard());
        // The append indexes channel accounts in the same keys for the appeal retention (search by channelUserId):
        // the merge must not trim them to its own window.
        Duration retention = config.redis().appealRetention();
        CitizenIndex citizens = new CitizenIndex(
                redis,
                new ChannelKeys(prefix),
                keys,
                retention.isZero()
                        ? Duration.ZERO
                        : retention.compareTo(ch.merge().window()) > 0
                                ? retention
                                : ch.merge().window());
        List<RouteMount> channelMounts = ChannelMounts.of(
                ch, config.sla(), prefix, redis, store, intake, classifier, citizens, requestWork, registry, clock);
        ExecutorService mergeWork = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("merge-", 0).factory());
        closeables.add(mergeWork);
        MergeOnIntake merge = new MergeOnIntake(
                store,
                citizens,
                new CrossChannelMerge(ch.merge(), TextSimilarity.standard(), classifier),
                ch.merge(),
                mergeWork,
                registry);
        IntakeConsumer mergeConsumer = new IntakeConsumer(
                redis,
                keys,
                config.redis(),
                config.intake().group(),
                config.intake().consumerOr(cbs.instanceId()),
                merge,
                registry,
                clock);
        closeables.add(mergeConsumer);
        // A stat() every few seconds, never on an event loop.
        Loop rulesWatch = ch.classificationWatch().isZero()
                ? null
                : new Loop(
                        "rules-watch",
                        ch.classificationWatch(),
                        ch.classificationWatch(),
                        classifier::reloadIfChanged,
                        registry);
        if (rulesWatch != null) {
            closeables.add(rulesWatch);
        }

        // The closed sets a query's topic and place names are checked against (a misspelt name is a 400).
        KnownNames names = new KnownNames(
                () -> classifier.keywords().rules().topics(), config.gazetteer().gazetteer());
        // Hotspots (未诉先办): the hotspots group on the intake stream, the tick that closes them, and the count of a
        // phone appeal once an agent's form gives it text (PlaceOnEnrich, inside it, writes its topics and place).
        Hotspots hotspots = Hotspots.build(
                config.hotspots(), redis, keys, cbs.instanceId(), store, names, vertx, registry, clock, closeables);

        // Console: agents' sign-in, screen pops, forms, queue pauses and click-to-call (the last two need AMI).
        ConsoleTelephony telephony = ami == null
                ? ConsoleTelephony.none()
                : new ConsoleTelephony(
                        ami::pauseQueueMember,
                        new ClickToCall(
                                ami,
                                outbound,
                                cc.clickToCall().endpoint(),
                                cc.clickToCall().context(),
                                cc.clickToCall().callerId())::dial,
                        desk);
        // An agent's form gives a phone appeal its text: only then can it merge with online appeals.
        ConsoleVerticle console = new ConsoleVerticle(
                cc,
                requestWork,
                registry,
                clock,
                config.sla(),
                store,
                consoleStores.withAppeals(hotspots.onEnrich(new RemergeOnEnrich(
                        placedOnEnrich(
                                consoleStores.appeals(),
                                store,
                                intake,
                                classifier,
                                rates,
                                pc.enabled() ? problemCounter::handle : in -> CompletableFuture.completedFuture(null)),
                        merge))),
                telephony,
                audit,
                cbc.window().zone(),
                consoleHotspots(config, classifier, hotspots.board()));
        TrackerCallEvents.attach(
                tracker,
                console.events(),
                phone.ivr() == null ? java.util.Map.of() : phone.ivr().choiceLabels());
        // Agents' pauses and calls as Asterisk sees them: the console's agent states follow them.
        TrackerCallEvents.attachMembers(tracker, console.members());

        // HTTP: health, the case APIs, the channels, callbacks and the console on one router.
        List<HealthCheck> readiness = List.of(new RedisWritable(vertx, memory, memoryGauge));
        List<HealthCheck> checks = new ArrayList<>(List.of(new RedisHealth(vertx, redis)));
        if (ami != null) {
            checks.add(new AmiHealthCheck(ami));
        }
        CaseApiGuard apiGuard = new CaseApiGuard(ch.apiTokens(), ch.adminToken());
        if (!apiGuard.configured()) {
            LOG.warn("admin.api-token is not set: the case-handling APIs under /api/ refuse every request "
                    + "(set JIESU_ADMIN_API_TOKEN)");
        }
        List<RouteMount> mounts = new ArrayList<>(List.of(
                apiGuard::mount, // before the routes it guards
                new HealthRoutes(checks, readiness, Duration.ofSeconds(2))::mount,
                new TriageRoutes(vertx, store, reviews, config.sla(), clock)::mount,
                new IntakeRoutes(vertx, store, new RedisAppealSearch(redis, keys, store, citizens))::mount));
        mounts.addAll(channelMounts);
        mounts.add(
                new CallbackRoutes(vertx, store, callbacks, rates, triggers, cbc.window(), wake, audit, clock)::mount);
        mounts.add(new RateRoutes(
                vertx, rates, cbc.window().zone(), clock, config.gazetteer().gazetteer())::mount);
        mounts.add(new RankingRoutes(
                vertx,
                rates,
                config.gazetteer().gazetteer(),
                config.ranking().weights(),
                cbc.window().zone(),
                clock)::mount);
        mounts.add(new ProblemRoutes(vertx, problems, pc, names, cbc.window().zone(), clock)::mount);
        mounts.add(hotspots::mount);
        if (cc.enabled()) {
            mounts.add(console::mount);
        }
        HttpVerticle http = new HttpVerticle(
                config.http(), registry, new BearerTokens(config.metrics().tokens()), mounts);

        // Start, in the same order. The console deploys first: its WebSocket route must exist before the router
        // serves.
        Future<String> consoleUp = cc.enabled() ? vertx.deployVerticle(console) : Future.succeededFuture("");
        return consoleUp
                .compose(c -> {
                    if (!c.isEmpty()) {
                        // On the close list at the console's place (after the stores it uses, before HTTP): its stop
                        // closes the sign-in workers and the fan-out's Pub/Sub connection while Redis is still open.
                        closeables.add(() -> vertx.undeploy(c)
                                .toCompletionStage()
                                .toCompletableFuture()
                                .get(30, java.util.concurrent.TimeUnit.SECONDS));
                    }
                    return vertx.deployVerticle(http);
                })
                .compose(id -> {
                    if (ch.reloadOnSighup()) {
                        closeables.add(Sighup.install("reload classification rules", classifier::reload));
                    }
                    if (rulesWatch != null) {
                        rulesWatch.start();
                    }
                    return Future.fromCompletionStage(mergeConsumer.start()).map(id);
                })
                .compose(id -> blocking(vertx, () -> {
                    if (agi != null) {
                        agi.start();
                    }
                    if (ami != null) {
                        ami.start();
                    }
                    callbackConsumer.start().toCompletableFuture().join();
                    if (problemConsumer != null) {
                        problemConsumer.start().toCompletableFuture().join();
                    }
                    hotspots.start().toCompletableFuture().join();
                    rateLoop.start();
                    districtRateLoop.start();
                    watchLoop.start();
                    if (cbs.enabled()) {
                        if (scheduler != null) {
                            scheduler.start();
                        } else {
                            LOG.info("callbacks: no AMI configured, so this instance schedules callbacks but does "
                                    + "not dial");
                        }
                    }
                    return id;
                }))
                .map(id -> new Gateway(vertx, registry, closeables, id, http));
    }

    /**
     * The console's stores under the deployment's key prefix: configured accounts win over those in Redis, a call's
     * appeal is found under the phone account's dedupe keys, and notices cross instances as JSON. (Public for the
     * console's test server and benchmark, which run the console alone.)
     */
    public static ConsoleStores consoleStores(
            RedisClients redis, RedisAppealStore appeals, ConsoleConfig cc, Clock clock) {
        String prefix = redis.config().keyPrefix();
        ConsoleKeys keys = new ConsoleKeys(prefix);
        return new ConsoleStores(
                new RedisSessionStore(redis, keys),
                new RedisSignInAttempts(redis, keys, clock),
                new RedisPopStore(redis, keys, clock),
                new RedisDraftStore(redis, keys, clock),
                new RedisAgentStates(redis, keys),
                new AgentAccounts(
                        cc.agents(), new RedisAgentDirectory(redis, keys), new RedisUpgradedHashes(redis, keys)),
                new RedisCallAppeals(redis, new StreamKeys(prefix), appeals, cc.phoneAccount()),
                new RedisConsoleFanout(redis, keys, new JsonNoticeCodec()),
                new TriageReviews(redis, new StreamKeys(prefix), redis.config(), appeals));
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
                .onComplete(ignored -> Thread.ofPlatform()
                        .name("jiesu-vertx-close")
                        .start(() -> {
                            // Closed from a plain thread: a close completed on a dying event loop never reports back.
                            vertx.close().onComplete(r -> {
                                LOG.info("gateway stopped");
                                done.complete(null);
                            });
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
