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
import cn.jiesu.core.appeal.AppealStore;
import cn.jiesu.core.intake.IntakeIds;
import cn.jiesu.core.sla.SlaPolicy;
import cn.jiesu.gateway.config.ChannelsConfig;
import cn.jiesu.gateway.http.BlockingWork;
import cn.jiesu.gateway.http.RouteMount;
import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.channels.ChannelKeys;
import cn.jiesu.redis.channels.CitizenIndex;
import cn.jiesu.redis.channels.RequestListing;
import cn.jiesu.redis.channels.SignedNonces;
import cn.jiesu.redis.intake.RedisAppealStore;
import cn.jiesu.redis.raw.RawPayloadStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.HttpMethod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The channel intake's HTTP side: the adapters of every configured channel with their routes, the shared pipeline
 * (quotas, raw payloads, append), the Open311 listing, and the admin and link routes. None of these holds a thread or
 * needs closing; the long-lived parts of the channel intake (the classifier, the citizen index, the cross-channel
 * merge consumer, SIGHUP reload and the rule file watch) are built and run by the composition root.
 */
public final class ChannelMounts {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelMounts.class);

    private ChannelMounts() {}

    /** The channels' routes; reads the catalog file (small, at start only). */
    public static List<RouteMount> of(
            ChannelsConfig c,
            SlaPolicy sla,
            String prefix,
            RedisClients redis,
            RedisAppealStore store,
            AppealStore intake,
            ReloadableClassifier classifier,
            CitizenIndex citizens,
            BlockingWork blocking,
            MeterRegistry registry,
            Clock clock) {
        ServiceCatalog catalog = catalog(c);
        IntakeIds ids = new IntakeIds(clock, new SecureRandom());

        ChannelMetrics metrics = new ChannelMetrics(registry);
        ChannelAdmission admission = new ChannelAdmission(clock, c::quotaFor, metrics);
        ChannelKeys keys = new ChannelKeys(prefix);
        ChannelPipeline pipeline = new ChannelPipeline(
                clock,
                intake,
                new RawPayloadStore(redis, prefix, c.rawRetention(), clock),
                new ReplayChecks(new SignedNonces(redis, keys), store),
                admission,
                metrics);
        AdminGuard guard = new AdminGuard(c.adminToken());

        WeiboAdapter weibo = c.weibo() == null ? null : new WeiboAdapter(c.weibo(), clock, ids, sla, classifier);
        WeChatAdapter wechat = c.wechat() == null ? null : new WeChatAdapter(c.wechat(), clock, ids, sla, classifier);
        AppApiAdapter app = c.app() == null ? null : new AppApiAdapter(c.app(), clock, ids, sla, classifier, catalog);
        WebFormConfig webConfig = c.web().toConfig(csrfSecret(c.web()));
        FormTokens tokens = new FormTokens(webConfig.csrfSecret(), webConfig.tokenTtl(), clock);
        WebFormAdapter web = new WebFormAdapter(webConfig, tokens, ids, sla, classifier, catalog);
        Open311Adapter open311 = new Open311Adapter(c.open311(), clock, ids, sla, classifier, catalog);
        LOG.info(
                "channels: weibo {}, wechat {}, app {} client(s), web form on, open311 {} client(s)",
                weibo == null ? "off" : "on",
                wechat == null ? "off" : "on",
                c.app() == null ? 0 : c.app().clients().size(),
                c.open311().clients().size());

        return List.of(
                new ChannelRoute(
                        pipeline,
                        "weibo",
                        List.of("/channels/weibo", "/weibo/push"),
                        weibo == null ? null : weibo::handle,
                        List.of(HttpMethod.GET, HttpMethod.POST))::mount,
                new ChannelRoute(
                        pipeline,
                        "wechat",
                        List.of("/channels/wechat", "/wechat/push"),
                        wechat == null ? null : wechat::handle,
                        List.of(HttpMethod.GET, HttpMethod.POST))::mount,
                new ChannelRoute(
                        pipeline,
                        "app",
                        List.of("/api/v1/appeals"),
                        app == null ? null : app::handle,
                        List.of(HttpMethod.POST))::mount,
                new WebFormRoutes(pipeline, web, tokens, webConfig, new WebFormPage(catalog), store)::mount,
                new Open311Routes(
                        pipeline,
                        open311,
                        store,
                        new RequestListing(redis, keys, "open311", c.open311().defaultWindow()))::mount,
                new AdminRoutes(classifier, guard, blocking)::mount,
                new LinkRoutes(store, citizens, guard)::mount);
    }

    private static ServiceCatalog catalog(ChannelsConfig c) {
        try {
            return ServiceCatalogYaml.parse(
                    Files.readString(c.servicesFile()), c.servicesFile().toString());
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
