package cn.jiesu.gateway.channels;

import cn.jiesu.channels.app.AppApiAdapter;
import cn.jiesu.channels.catalog.ServiceCatalog;
import cn.jiesu.channels.catalog.ServiceCatalogYaml;
import cn.jiesu.channels.classify.ReloadableClassifier;
import cn.jiesu.channels.open311.Open311Adapter;
import cn.jiesu.channels.web.FormTokens;
import cn.jiesu.channels.web.WebFormAdapter;
import cn.jiesu.channels.web.WebFormConfig;
import cn.jiesu.channels.wechat.WeChatAdapter;
import cn.jiesu.channels.weibo.WeiboAdapter;
import cn.jiesu.core.classify.TextNormalizer;
import cn.jiesu.core.console.CallAppeals;
import cn.jiesu.core.intake.IntakeIds;
import cn.jiesu.core.merge.CrossChannelMerge;
import cn.jiesu.core.merge.TextSimilarity;
import cn.jiesu.core.sla.SlaPolicy;
import cn.jiesu.gateway.GatewayConfig;
import cn.jiesu.gateway.config.ChannelsConfig;
import cn.jiesu.gateway.http.RouteMount;
import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.StreamKeys;
import cn.jiesu.redis.channels.ChannelKeys;
import cn.jiesu.redis.channels.CitizenIndex;
import cn.jiesu.redis.channels.RequestListing;
import cn.jiesu.redis.channels.SignedNonces;
import cn.jiesu.redis.intake.IntakeConsumer;
import cn.jiesu.redis.intake.RedisAppealStore;
import cn.jiesu.redis.raw.RawPayloadStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The channel intake, wired: the adapters of every configured channel with their routes, the shared pipeline
 * (quotas, raw payloads, append), the Open311 listing, the admin and link routes, and the cross-channel merge
 * consumer on the intake stream (group {@code intake.group}). Built by the composition root; {@link #start}
 * starts the consumer, the SIGHUP reload and the rule file watch, {@link #close} stops them.
 */
public final class IntakeChannels implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IntakeChannels.class);

    private final List<RouteMount> mounts;
    private final IntakeConsumer consumer;
    private final MergeOnIntake merge;
    private final CitizenIndex citizens;
    private final ExecutorService mergeWork;
    private final ReloadableClassifier classifier;
    private final boolean reloadOnSighup;
    private final Duration watchInterval;
    private Sighup sighup;
    private ScheduledExecutorService watch;

    private IntakeChannels(List<RouteMount> mounts, IntakeConsumer consumer, MergeOnIntake merge,
                           CitizenIndex citizens, ExecutorService mergeWork, ReloadableClassifier classifier,
                           boolean reloadOnSighup, Duration watchInterval) {
        this.mounts = mounts;
        this.consumer = consumer;
        this.merge = merge;
        this.citizens = citizens;
        this.mergeWork = mergeWork;
        this.classifier = classifier;
        this.reloadOnSighup = reloadOnSighup;
        this.watchInterval = watchInterval;
    }

    /** Builds everything from the config; reads the rule and catalog files (small, at start only). */
    public static IntakeChannels create(GatewayConfig config, RedisClients redis, RedisAppealStore store,
                                        MeterRegistry registry, Clock clock) {
        ChannelsConfig c = config.channels();
        SlaPolicy sla = config.sla();
        String prefix = config.redis().keyPrefix();
        ReloadableClassifier classifier = ReloadableClassifier.load(c.classificationFile(),
                TextNormalizer.standard());
        ServiceCatalog catalog = catalog(c);
        IntakeIds ids = new IntakeIds(clock, new SecureRandom());

        ChannelMetrics metrics = new ChannelMetrics(registry);
        ChannelAdmission admission = new ChannelAdmission(clock, c::quotaFor, metrics);
        ChannelKeys keys = new ChannelKeys(prefix);
        ChannelPipeline pipeline = new ChannelPipeline(clock, store,
                new RawPayloadStore(redis, prefix, c.rawRetention(), clock),
                new ReplayChecks(new SignedNonces(redis, keys), store), admission, metrics);
        // The append indexes channel accounts in the same keys for the appeal retention (search by channelUserId):
        // the merge must not trim them to its own window.
        Duration retention = config.redis().appealRetention();
        CitizenIndex citizens = new CitizenIndex(redis, keys, new StreamKeys(prefix), retention.isZero()
                ? Duration.ZERO : retention.compareTo(c.merge().window()) > 0 ? retention : c.merge().window());
        AdminGuard guard = new AdminGuard(c.adminToken());

        WeiboAdapter weibo = c.weibo() == null ? null : new WeiboAdapter(c.weibo(), clock, ids, sla, classifier);
        WeChatAdapter wechat = c.wechat() == null ? null
                : new WeChatAdapter(c.wechat(), clock, ids, sla, classifier);
        AppApiAdapter app = c.app() == null ? null
                : new AppApiAdapter(c.app(), clock, ids, sla, classifier, catalog);
        WebFormConfig webConfig = c.web().toConfig(csrfSecret(c.web()));
        FormTokens tokens = new FormTokens(webConfig.csrfSecret(), webConfig.tokenTtl(), clock);
        WebFormAdapter web = new WebFormAdapter(webConfig, tokens, ids, sla, classifier, catalog);
        Open311Adapter open311 = new Open311Adapter(c.open311(), clock, ids, sla, classifier, catalog);
        LOG.info("channels: weibo {}, wechat {}, app {} client(s), web form on, open311 {} client(s)",
                weibo == null ? "off" : "on", wechat == null ? "off" : "on",
                c.app() == null ? 0 : c.app().clients().size(), c.open311().clients().size());

        List<RouteMount> mounts = List.of(
                new ChannelRoute(pipeline, "weibo", List.of("/channels/weibo", "/weibo/push"),
                        weibo == null ? null : weibo::handle, List.of(HttpMethod.GET, HttpMethod.POST))::mount,
                new ChannelRoute(pipeline, "wechat", List.of("/channels/wechat", "/wechat/push"),
                        wechat == null ? null : wechat::handle, List.of(HttpMethod.GET, HttpMethod.POST))::mount,
                new ChannelRoute(pipeline, "app", List.of("/api/v1/appeals"), app == null ? null : app::handle,
                        List.of(HttpMethod.POST))::mount,
                new WebFormRoutes(pipeline, web, tokens, webConfig, new WebFormPage(catalog))::mount,
                new Open311Routes(pipeline, open311, store,
                        new RequestListing(redis, keys, "open311", c.open311().defaultWindow()))::mount,
                new AdminRoutes(classifier, guard)::mount,
                new LinkRoutes(store, citizens, guard)::mount);
        ExecutorService mergeWork = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("merge-", 0)
                .factory());
        MergeOnIntake merge = new MergeOnIntake(store, citizens,
                new CrossChannelMerge(c.merge(), TextSimilarity.standard(), classifier), c.merge(), mergeWork,
                registry);
        IntakeConsumer consumer = new IntakeConsumer(redis, new StreamKeys(prefix), config.redis(),
                config.intake().group(), config.intake().consumer(), merge, registry, clock);
        return new IntakeChannels(mounts, consumer, merge, citizens, mergeWork, classifier, c.reloadOnSighup(),
                c.classificationWatch());
    }

    public List<RouteMount> mounts() {
        return mounts;
    }

    /** Citizens' identities and their bindings, for the appeal search. */
    public CitizenIndex citizens() {
        return citizens;
    }

    /** {@code appeals} with the cross-channel merge run again after every enrichment (an agent's saved form). */
    public CallAppeals remergeAfterEnrich(CallAppeals appeals) {
        return new RemergeOnEnrich(appeals, merge);
    }

    /** Starts the merge consumer (creating its group if needed) and, if configured, SIGHUP reload and file watch. */
    public Future<Void> start() {
        if (reloadOnSighup) {
            sighup = Sighup.install("reload classification rules", classifier::reload);
        }
        if (!watchInterval.isZero()) {
            // A platform daemon thread: a stat() every few seconds, never on an event loop.
            watch = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("rules-watch")
                    .factory());
            watch.scheduleWithFixedDelay(classifier::reloadIfChanged, watchInterval.toMillis(),
                    watchInterval.toMillis(), TimeUnit.MILLISECONDS);
        }
        return Future.fromCompletionStage(consumer.start());
    }

    /** Stops the merge consumer (blocks until its batch is done) and gives SIGHUP back. */
    @Override
    public void close() {
        if (sighup != null) {
            sighup.close();
        }
        if (watch != null) {
            watch.shutdownNow();
        }
        consumer.stop();
        mergeWork.close();
    }

    private static ServiceCatalog catalog(ChannelsConfig c) {
        try {
            return ServiceCatalogYaml.parse(Files.readString(c.servicesFile()), c.servicesFile().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("services.file: cannot read " + c.servicesFile(), e);
        }
    }

    private static String csrfSecret(ChannelsConfig.WebForm web) {
        if (web.csrfSecret() != null) {
            return web.csrfSecret();
        }
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        LOG.info("channels.web.csrf-secret is not set: using a random one for this process; forms rendered "
                + "before a restart or by another gateway instance will be refused (set it to share them)");
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
