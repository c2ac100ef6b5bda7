package cn.jiesu.gateway.config;

import cn.jiesu.core.config.ConfigException;
import cn.jiesu.core.config.ConfigNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code channels.quota}: the shared admission limits and each channel's overrides of them
 * ({@code channels.quota.<channel>.burst|per-second|max-in-flight}, empty = the shared value), so that an operator
 * can hold Weibo to a lower rate in a hot-topic storm while the app and web keep theirs.
 */
final class QuotaSection {
    /** The channels that pass admission, by the names their routes use. */
    static final List<String> CHANNELS = List.of("weibo", "wechat", "app", "web", "open311");

    private QuotaSection() {}

    static ChannelsConfig.Quota shared(ConfigNode t) {
        return new ChannelsConfig.Quota(
                t.integer("channels.quota.burst", 1, 1_000_000),
                ChannelsSection.decimal(t, "channels.quota.per-second"),
                t.integer("channels.quota.max-in-flight", 1, 100_000));
    }

    static Map<String, ChannelsConfig.Quota> perChannel(ConfigNode t, ChannelsConfig.Quota shared) {
        Map<String, ChannelsConfig.Quota> out = new LinkedHashMap<>();
        for (String channel : CHANNELS) {
            String p = "channels.quota." + channel + ".";
            int burst = t.optionalString(p + "burst") == null ? shared.burst() : t.integer(p + "burst", 1, 1_000_000);
            double perSecond = t.optionalString(p + "per-second") == null
                    ? shared.perSecond()
                    : ChannelsSection.decimal(t, p + "per-second");
            int maxInFlight = t.optionalString(p + "max-in-flight") == null
                    ? shared.maxInFlight()
                    : t.integer(p + "max-in-flight", 1, 100_000);
            if (!(perSecond > 0)) {
                throw new ConfigException(p + "per-second", "must be positive");
            }
            out.put(channel, new ChannelsConfig.Quota(burst, perSecond, maxInFlight));
        }
        return Map.copyOf(out);
    }
}
