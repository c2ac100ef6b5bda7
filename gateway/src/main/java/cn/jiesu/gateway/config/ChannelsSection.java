package cn.jiesu.gateway.config;

import cn.jiesu.channels.wechat.WeChatConfig;
import cn.jiesu.channels.weibo.WeiboConfig;
import cn.jiesu.core.config.ConfigException;
import cn.jiesu.core.config.ConfigNode;
import cn.jiesu.core.config.Durations;
import cn.jiesu.core.intake.Crs;
import cn.jiesu.core.merge.MergePolicy;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads {@code classification.*}, {@code services.*}, {@code merge.*}, {@code admin.*} and {@code channels.*} into
 * {@link ChannelsConfig}; the API-client channels (app, Open311) are read by {@link ApiChannelsSection}. Every bad
 * value throws a {@link ConfigException} naming its key.
 */
public final class ChannelsSection {
    private ChannelsSection() {}

    public static ChannelsConfig from(ConfigNode t, HttpConfig http) {
        Limits limits = new Limits(t, http.bodyLimitBytes());
        String admin = t.optionalString("admin.token");
        if (admin != null && admin.length() < 16) {
            throw new ConfigException("admin.token", "at least 16 characters (or empty to disable)");
        }
        // A list, so a token can be rotated: the case system moves to the new one while the old still works.
        List<String> api = t.list("admin.api-token");
        if (api.stream().anyMatch(token -> token.length() < 16)) {
            throw new ConfigException(
                    "admin.api-token",
                    "every token at least 16 characters (or empty: the case " + "APIs refuse every request)");
        }
        ChannelsConfig.Quota shared = QuotaSection.shared(t);
        Map<String, ChannelsConfig.Quota> perChannel = QuotaSection.perChannel(t, shared);
        return new ChannelsConfig(
                ConfigFiles.resolve(
                        t, "classification.file", "classification.yaml", "triage/train.tsv", "triage/dev.tsv"),
                t.bool("classification.reload-on-sighup"),
                t.durationOrZero("classification.watch-interval"),
                ConfigFiles.resolve(t, "services.file", "services.yaml"),
                new MergePolicy(
                        t.duration("merge.window"),
                        decimal(t, "merge.min-similarity"),
                        t.bool("merge.require-same-request-type"),
                        decimal(t, "merge.min-similarity-shared-topic")),
                shared,
                perChannel,
                t.duration("channels.raw-retention"),
                admin,
                api,
                weibo(t, limits),
                wechat(t, limits),
                ApiChannelsSection.app(t, limits),
                web(t, limits),
                ApiChannelsSection.open311(t, limits));
    }

    private static WeiboConfig weibo(ConfigNode t, Limits limits) {
        String secret = t.optionalString("channels.weibo.app-secret");
        int maxBody = limits.body("channels.weibo.max-body-bytes");
        if (secret == null) {
            return null;
        }
        return new WeiboConfig(
                secret,
                t.optionalString("channels.weibo.receiver-id"),
                crs(t, "channels.weibo.position-crs"),
                maxBody,
                window(t, "channels.weibo.max-timestamp-age"));
    }

    private static WeChatConfig wechat(ConfigNode t, Limits limits) {
        String token = t.optionalString("channels.wechat.token");
        int maxBody = limits.body("channels.wechat.max-body-bytes");
        if (token == null) {
            return null;
        }
        return new WeChatConfig(
                token,
                t.optionalString("channels.wechat.encoding-aes-key"),
                t.optionalString("channels.wechat.app-id"),
                t.optionalString("channels.wechat.account-id"),
                t.bool("channels.wechat.allow-plaintext"),
                crs(t, "channels.wechat.location-crs"),
                maxBody,
                window(t, "channels.wechat.max-timestamp-age"));
    }

    private static ChannelsConfig.WebForm web(ConfigNode t, Limits limits) {
        return new ChannelsConfig.WebForm(
                t.string("channels.web.account"),
                t.optionalString("channels.web.csrf-secret"),
                t.duration("channels.web.token-ttl"),
                t.string("channels.web.csrf-cookie"),
                t.string("channels.web.confirmation-path"),
                limits.body("channels.web.max-body-bytes"));
    }

    static double decimal(ConfigNode t, String key) {
        String s = t.string(key);
        try {
            double d = Double.parseDouble(s);
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "not a number: '" + s + "'");
        }
    }

    static Crs crs(ConfigNode t, String key) {
        String s = t.string(key);
        try {
            return Crs.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, "one of WGS84, GCJ02, BD09, was '" + s + "'");
        }
    }

    /**
     * A push channel's timestamp window: required, and empty, 0 or "off" are errors rather than "no window" (which
     * empty meant before): the signature does not cover the body, so without a window an old signed query signs new
     * appeals. The range (1m to 1h) is checked by the channel's config.
     */
    static Duration window(ConfigNode t, String key) {
        String s = t.optionalString(key);
        Duration d = s == null ? null : Durations.parse(s);
        if (d == null || d.isZero() || d.isNegative()) {
            throw new ConfigException(
                    key,
                    "a duration from 1m to 1h required, was '" + (s == null ? "" : s)
                            + "'; there is no off: the signature does not cover the body, so without a window an old signed "
                            + "query signs new appeals");
        }
        return d;
    }

    /** Per-channel body limits, each bounded by the global one that the HTTP edge enforces first. */
    record Limits(ConfigNode t, int httpLimit) {
        int body(String key) {
            int v = t.integer(key, 1024, 64 * 1024 * 1024);
            if (v > httpLimit) {
                throw new ConfigException(
                        key,
                        "must not exceed http.body-limit-bytes (" + httpLimit + "), which bounds every request body");
            }
            return v;
        }
    }
}
