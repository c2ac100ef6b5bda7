package cn.jiesu.gateway;

import cn.jiesu.core.config.ConfigException;
import cn.jiesu.core.config.ConfigNode;
import cn.jiesu.core.sla.SlaPolicy;
import cn.jiesu.gateway.callback.CallbackSettings;
import cn.jiesu.gateway.config.ChannelsConfig;
import cn.jiesu.gateway.config.ChannelsSection;
import cn.jiesu.gateway.config.HttpConfig;
import cn.jiesu.gateway.config.IntakeConfig;
import cn.jiesu.gateway.config.MetricsConfig;
import cn.jiesu.gateway.config.RedisSection;
import cn.jiesu.gateway.config.SlaConfig;
import cn.jiesu.gateway.console.ConsoleConfig;
import cn.jiesu.gateway.phone.PhoneConfig;
import cn.jiesu.redis.RedisConfig;

/**
 * Everything the gateway needs to start, validated: one record per module, built from the {@link ConfigNode} of
 * jiesu.yaml ({@link cn.jiesu.gateway.config.ConfigLoader}). It lives beside {@link Gateway}, the composition root,
 * because it names every feature: the config package reads the shared sections (http, redis, sla, intake, channels,
 * metrics) and knows no feature, and each feature (phone, console, callbacks) reads its own keys from the same root.
 */
public record GatewayConfig(
        HttpConfig http,
        RedisConfig redis,
        SlaPolicy sla,
        IntakeConfig intake,
        ChannelsConfig channels,
        PhoneConfig phone,
        ConsoleConfig console,
        CallbackSettings callbacks,
        MetricsConfig metrics) {

    /** Builds and validates every section; the first bad value throws a {@link ConfigException} naming its key. */
    public static GatewayConfig from(ConfigNode t) {
        HttpConfig http = HttpConfig.from(t);
        return new GatewayConfig(
                http,
                RedisSection.from(t),
                SlaConfig.from(t),
                IntakeConfig.from(t),
                ChannelsSection.from(t, http),
                PhoneConfig.from(t),
                ConsoleConfig.from(t),
                CallbackSettings.from(t),
                MetricsConfig.from(t));
    }
}
