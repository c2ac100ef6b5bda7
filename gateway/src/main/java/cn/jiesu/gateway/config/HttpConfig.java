package cn.jiesu.gateway.config;

import java.time.Duration;

/** The HTTP edge: where it listens and how much it accepts. */
public record HttpConfig(String host, int port, int bodyLimitBytes, Duration requestTimeout) {
    static HttpConfig from(ConfigTree t) {
        return new HttpConfig(t.string("http.host"), t.integer("http.port", 0, 65535),
                t.integer("http.body-limit-bytes", 1024, 64 * 1024 * 1024), t.duration("http.request-timeout"));
    }
}
