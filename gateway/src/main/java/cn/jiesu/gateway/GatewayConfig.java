package cn.jiesu.gateway.config;

import cn.jiesu.core.config.ConfigException;
import cn.jiesu.core.config.ConfigNode;
import cn.jiesu.core.sla.SlaPolicy;
import cn.jiesu.gateway.callback.CallbackSettings;
import cn.jiesu.gateway.console.ConsoleConfig;
import cn.jiesu.gateway.phone.PhoneConfig;
import cn.jiesu.redis.RedisConfig;

/** Everything the gateway needs to start, validated: one record per module, built from the {@link ConfigNode}. */
public record GatewayConfig(HttpConfig http, RedisConfig redis, SlaPolicy sla, IntakeConfig intake,
                            ChannelsConfig channels, PhoneConfig phone, ConsoleConfig console,
                            CallbackSettings callbacks, MetricsConfig metrics) {

    /** Builds and validates every section; the first bad value throws a {@link ConfigException} naming its key. */
    public static GatewayConfig from(ConfigNode t) {
        HttpConfig http = HttpConfig.from(t);
        return new GatewayConfig(http, RedisSection.from(t), SlaConfig.from(t),
                IntakeConfig.from(t), ChannelsSection.from(t, http), PhoneConfig.from(t),
                ConsoleConfig.from(t), CallbackSettings.from(t), MetricsConfig.from(t));
    }

    /** Module records validate themselves with "key: problem" messages; surface those as config errors. */
}
