package cn.jiesu.gateway;

import cn.jiesu.core.config.ConfigException;
import cn.jiesu.core.config.ConfigNode;
import cn.jiesu.core.sla.SlaPolicy;
import cn.jiesu.gateway.callback.CallbackSettings;
import cn.jiesu.gateway.config.ChannelsConfig;
import cn.jiesu.gateway.config.ChannelsSection;
import cn.jiesu.gateway.config.GazetteerConfig;
import cn.jiesu.gateway.config.HttpConfig;
import cn.jiesu.gateway.config.IntakeConfig;
import cn.jiesu.gateway.config.MetricsConfig;
import cn.jiesu.gateway.config.RedisSection;
import cn.jiesu.gateway.config.SlaConfig;
import cn.jiesu.gateway.console.ConsoleConfig;
import cn.jiesu.gateway.hotspot.HotspotsConfig;
import cn.jiesu.gateway.phone.PhoneConfig;
import cn.jiesu.redis.RedisConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

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
        MetricsConfig metrics,
        GazetteerConfig gazetteer,
        HotspotsConfig hotspots) {

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
                MetricsConfig.from(t),
                GazetteerConfig.from(t),
                HotspotsConfig.from(t));
    }

    /**
     * The first problem of each section read on its own, for {@code --check-config}: start-up stops at the first
     * one, an operator fixing a file wants them all. Channels read {@code http} for their limits, so with a bad
     * {@code http} section their problems are not looked for.
     */
    public static List<String> sectionProblems(ConfigNode t) {
        List<String> problems = new ArrayList<>();
        HttpConfig http = section(problems, () -> HttpConfig.from(t));
        section(problems, () -> RedisSection.from(t));
        section(problems, () -> SlaConfig.from(t));
        section(problems, () -> IntakeConfig.from(t));
        if (http != null) {
            section(problems, () -> ChannelsSection.from(t, http));
        }
        section(problems, () -> PhoneConfig.from(t));
        section(problems, () -> ConsoleConfig.from(t));
        section(problems, () -> CallbackSettings.from(t));
        section(problems, () -> MetricsConfig.from(t));
        section(problems, () -> GazetteerConfig.from(t));
        section(problems, () -> HotspotsConfig.from(t));
        return problems;
    }

    private static <T> T section(List<String> problems, Supplier<T> read) {
        try {
            return read.get();
        } catch (ConfigException e) {
            problems.add(e.getMessage());
            return null;
        }
    }
}
