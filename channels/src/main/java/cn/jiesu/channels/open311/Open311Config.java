package cn.jiesu.channels.open311;

import cn.jiesu.channels.ApiClient;
import cn.jiesu.core.config.ConfigException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * Open311 GeoReport v2 settings (config key {@code channels.open311}).
 *
 * @param jurisdictionId        our jurisdiction; a request naming another is answered 404 (on every resource);
 *                              null accepts any/none
 * @param clients               integrators: {@code api_key} identifies the client; a client with a {@code secret}
 *                              may also sign (X-Intake-* headers), and must when {@code requireSignature}
 * @param requireSignature      ids of clients that must sign every POST
 * @param discovery             what {@code discovery.json} says
 * @param serviceNotice         the {@code service_notice} of a created request; {@code {limit}} becomes the SLA
 *                              limit of its tier, e.g. 7日 or 24小时
 * @param zone                  the offset timestamps are rendered in (Asia/Shanghai)
 * @param maxBodyBytes          larger POST bodies are refused with 413
 * @param maxSkew               signature timestamp window
 * @param defaultWindow         GET requests.json without dates covers this far back (90 days)
 * @param maxResults            GET requests.json returns at most this many (1000)
 * @param publicReads           whether GET requests.json and requests/{id}.json answer anyone (GeoReport v2's
 *                              intent); false: only a request with a configured client's {@code api_key}
 */
public record Open311Config(
        String jurisdictionId,
        List<ApiClient> clients,
        List<String> requireSignature,
        Open311Discovery discovery,
        String serviceNotice,
        ZoneId zone,
        int maxBodyBytes,
        Duration maxSkew,
        Duration defaultWindow,
        int maxResults,
        boolean publicReads) {
    public static final String DEFAULT_NOTICE = "您的诉求已受理，将于{limit}内答复。";

    /** Public reads, as the spec intends. */
    public Open311Config(
            String jurisdictionId,
            List<ApiClient> clients,
            List<String> requireSignature,
            Open311Discovery discovery,
            String serviceNotice,
            ZoneId zone,
            int maxBodyBytes,
            Duration maxSkew,
            Duration defaultWindow,
            int maxResults) {
        this(
                jurisdictionId,
                clients,
                requireSignature,
                discovery,
                serviceNotice,
                zone,
                maxBodyBytes,
                maxSkew,
                defaultWindow,
                maxResults,
                true);
    }

    public Open311Config {
        clients = List.copyOf(clients);
        requireSignature = requireSignature == null ? List.of() : List.copyOf(requireSignature);
        Objects.requireNonNull(discovery, "channels.open311.discovery");
        serviceNotice = Objects.requireNonNullElse(serviceNotice, DEFAULT_NOTICE);
        zone = Objects.requireNonNullElse(zone, ZoneId.of("Asia/Shanghai"));
        maxBodyBytes = maxBodyBytes <= 0 ? 64 * 1024 : maxBodyBytes;
        maxSkew = Objects.requireNonNullElse(maxSkew, Duration.ofMinutes(5));
        defaultWindow = Objects.requireNonNullElse(defaultWindow, Duration.ofDays(90));
        maxResults = maxResults <= 0 ? 1000 : maxResults;
        for (String id : requireSignature) {
            if (clients.stream().noneMatch(c -> c.id().equals(id) && c.secret() != null)) {
                throw new ConfigException("channels.open311.requireSignature", id + " is not a client with a secret");
            }
        }
    }
}
