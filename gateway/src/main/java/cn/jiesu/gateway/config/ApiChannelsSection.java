package cn.jiesu.gateway.config;

import cn.jiesu.channels.ApiClient;
import cn.jiesu.channels.app.AppApiConfig;
import cn.jiesu.channels.open311.Open311Config;
import cn.jiesu.channels.open311.Open311Discovery;
import cn.jiesu.core.config.ConfigException;
import cn.jiesu.core.config.ConfigNode;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the channels whose callers are configured clients: {@code channels.app} and {@code channels.open311}.
 * Clients are named sub-sections ({@code channels.app.clients.<name>.api-key} / {@code .secret}), so each secret
 * has its own environment variable ({@code JIESU_CHANNELS_APP_CLIENTS_APP_IOS_SECRET}) once the operator's file
 * names the client.
 */
final class ApiChannelsSection {
    static final String OPEN311_SPEC = "http://wiki.open311.org/GeoReport_v2";

    private ApiChannelsSection() {}

    /** The app API, or null when no client is configured (the route is off). */
    static AppApiConfig app(ConfigNode t, ChannelsSection.Limits limits) {
        int maxBody = limits.body("channels.app.max-body-bytes");
        List<ApiClient> clients = clients(t, "channels.app.clients", true);
        if (clients.isEmpty()) {
            return null;
        }
        return new AppApiConfig(
                clients,
                t.duration("channels.app.max-skew"),
                maxBody,
                ChannelsSection.crs(t, "channels.app.default-crs"));
    }

    static Open311Config open311(ConfigNode t, ChannelsSection.Limits limits) {
        String p = "channels.open311.";
        Open311Discovery discovery = new Open311Discovery(
                t.string(p + "discovery.changeset"),
                t.string(p + "discovery.contact"),
                t.string(p + "discovery.key-service"),
                List.of(new Open311Discovery.Endpoint(
                        OPEN311_SPEC,
                        t.string(p + "discovery.url"),
                        t.string(p + "discovery.changeset"),
                        t.string(p + "discovery.type"),
                        List.of("text/xml", "application/json"))));
        ZoneId zone;
        try {
            zone = ZoneId.of(t.string(p + "zone"));
        } catch (DateTimeException e) {
            throw new ConfigException(p + "zone", "not a time zone: '" + t.string(p + "zone") + "'");
        }
        return new Open311Config(
                t.optionalString(p + "jurisdiction-id"),
                clients(t, p + "clients", false),
                t.list(p + "require-signature"),
                discovery,
                t.string(p + "service-notice"),
                zone,
                limits.body(p + "max-body-bytes"),
                t.duration(p + "max-skew"),
                t.duration(p + "default-window"),
                t.integer(p + "max-results", 1, 100_000),
                t.bool(p + "public-reads"));
    }

    /** The named clients under {@code prefix}; a client without an api-key is skipped (not yet provisioned). */
    private static List<ApiClient> clients(ConfigNode t, String prefix, boolean secretRequired) {
        List<ApiClient> out = new ArrayList<>();
        for (String name : t.section(prefix).keys()) {
            String key = prefix + "." + name;
            String apiKey = t.optionalString(key + ".api-key");
            String secret = t.optionalString(key + ".secret");
            if (apiKey == null) {
                continue;
            }
            if (secretRequired && secret == null) {
                throw new ConfigException(key + ".secret", "required (every app request is signed)");
            }
            try {
                out.add(new ApiClient(name, apiKey, secret));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(key, e.getMessage());
            }
        }
        return out;
    }
}
