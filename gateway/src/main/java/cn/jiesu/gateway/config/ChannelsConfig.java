package cn.jiesu.gateway.config;

import cn.jiesu.channels.app.AppApiConfig;
import cn.jiesu.channels.open311.Open311Config;
import cn.jiesu.channels.web.WebFormConfig;
import cn.jiesu.channels.wechat.WeChatConfig;
import cn.jiesu.channels.weibo.WeiboConfig;
import cn.jiesu.core.config.ConfigException;
import cn.jiesu.core.merge.MergePolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The HTTP intake channels and what they share: the classification rules and service catalog files, the merge
 * policy, quotas, raw-payload retention and the admin token. A channel whose secret is not configured is null here
 * (disabled); the web form and Open311 are always on.
 *
 * @param channelQuotas each channel's admission limits ({@code quota} with the channel's overrides)
 * @param classificationWatch how often the rule file is checked for changes (zero: only SIGHUP and the admin call)
 * @param adminToken bearer token of the admin and link endpoints, or null (they refuse everyone)
 * @param apiTokens  bearer tokens of the case-handling APIs (several while one is rotated); empty: those APIs
 *                   refuse every request
 */
public record ChannelsConfig(
        Path classificationFile,
        boolean reloadOnSighup,
        Duration classificationWatch,
        Path servicesFile,
        MergePolicy merge,
        Quota quota,
        Map<String, Quota> channelQuotas,
        Duration rawRetention,
        String adminToken,
        List<String> apiTokens,
        WeiboConfig weibo,
        WeChatConfig wechat,
        AppApiConfig app,
        WebForm web,
        Open311Config open311) {
    public ChannelsConfig {
        Objects.requireNonNull(classificationFile, "classification.file");
        Objects.requireNonNull(classificationWatch, "classification.watch-interval");
        Objects.requireNonNull(servicesFile, "services.file");
        Objects.requireNonNull(merge, "merge");
        Objects.requireNonNull(quota, "channels.quota");
        channelQuotas = Map.copyOf(channelQuotas);
        apiTokens = List.copyOf(apiTokens);
        Objects.requireNonNull(web, "channels.web");
        Objects.requireNonNull(open311, "channels.open311");
    }

    @Override
    public String toString() {
        return "ChannelsConfig[classification=" + classificationFile + ", services=" + servicesFile + ", merge="
                + merge + ", quota=" + quota + ", channelQuotas=" + channelQuotas + ", rawRetention=" + rawRetention
                + ", adminToken=" + (adminToken == null ? "unset" : "***") + ", apiTokens="
                + (apiTokens.isEmpty() ? "unset" : apiTokens.size() + "x***") + ", weibo=" + (weibo != null)
                + ", wechat=" + (wechat != null)
                + ", app=" + (app != null) + ", web=" + web + "]";
    }

    /** The admission limits of {@code channel}: its overrides, else the shared {@code channels.quota}. */
    public Quota quotaFor(String channel) {
        return channelQuotas.getOrDefault(channel, quota);
    }

    /**
     * Per-channel admission: a token bucket and a bound on requests in flight.
     *
     * @param maxInFlight requests of one channel being verified or appended at once; more get 429
     */
    public record Quota(int burst, double perSecond, int maxInFlight) {
        public Quota {
            if (burst < 1 || !(perSecond > 0) || maxInFlight < 1) {
                throw new ConfigException(
                        "channels.quota", "burst, per-second and max-in-flight must be " + "positive");
            }
        }
    }

    /**
     * The web form's settings before the CSRF secret is settled: {@code csrfSecret} null means "make one up at
     * start" (see {@link #toConfig}).
     */
    public record WebForm(
            String account,
            String csrfSecret,
            Duration tokenTtl,
            String csrfCookie,
            String confirmationPath,
            int maxBodyBytes) {
        public WebForm {
            if (csrfSecret != null && csrfSecret.length() < 32) {
                throw new ConfigException("channels.web.csrf-secret", "at least 32 characters");
            }
            if (csrfCookie == null || !csrfCookie.matches("[A-Za-z0-9_-]{1,64}")) {
                throw new ConfigException("channels.web.csrf-cookie", "1-64 characters of [A-Za-z0-9_-]");
            }
            if (confirmationPath == null || !confirmationPath.matches("/[A-Za-z0-9/_-]{0,200}")) {
                throw new ConfigException("channels.web.confirmation-path", "an absolute path");
            }
        }

        public WebFormConfig toConfig(String secret) {
            return new WebFormConfig(account, secret, tokenTtl, csrfCookie, confirmationPath, maxBodyBytes);
        }

        @Override
        public String toString() {
            return "WebForm[account=" + account + ", csrfSecret=" + (csrfSecret == null ? "generated" : "***")
                    + ", tokenTtl=" + tokenTtl + ", csrfCookie=" + csrfCookie + ", confirmationPath="
                    + confirmationPath + ", maxBodyBytes=" + maxBodyBytes + "]";
        }
    }
}
