package cn.jiesu.channels.app;

import cn.jiesu.channels.ApiClient;
import cn.jiesu.core.config.ConfigException;
import cn.jiesu.core.intake.Crs;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * App API settings (config key {@code channels.app}).
 *
 * @param clients      the app clients; each needs a {@code secret} (every request is signed)
 * @param maxSkew      how far {@code X-Intake-Timestamp} may be from the server clock (5 min by default)
 * @param maxBodyBytes larger bodies are refused with 413
 * @param defaultCrs   CRS of {@code lat}/{@code lon} when the request names none (the app's map SDK: GCJ02)
 */
public record AppApiConfig(List<ApiClient> clients, Duration maxSkew, int maxBodyBytes, Crs defaultCrs) {
    public static final Duration DEFAULT_MAX_SKEW = Duration.ofMinutes(5);
    public static final int DEFAULT_MAX_BODY_BYTES = 256 * 1024;

    public AppApiConfig {
        clients = List.copyOf(clients);
        for (ApiClient c : clients) {
            if (c.secret() == null) {
                throw new ConfigException("channels.app.clients." + c.id() + ".secret", "required");
            }
        }
        maxSkew = Objects.requireNonNullElse(maxSkew, DEFAULT_MAX_SKEW);
        maxBodyBytes = maxBodyBytes <= 0 ? DEFAULT_MAX_BODY_BYTES : maxBodyBytes;
        defaultCrs = Objects.requireNonNullElse(defaultCrs, Crs.GCJ02);
    }
}
