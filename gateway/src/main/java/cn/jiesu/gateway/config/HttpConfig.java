package cn.jiesu.gateway.config;

import cn.jiesu.core.config.ConfigNode;
import java.time.Duration;

/**
 * The HTTP edge: where it listens, how much it accepts, and how long a client may take. The three timeouts bound
 * what a slow or silent client costs (issue 12: 1,000 slowloris connections stayed open 90 s): {@code idleTimeout}
 * closes a connection with no bytes either way, {@code headerTimeout} one whose request head is not complete in time
 * (a keep-alive connection waiting for its next request too), {@code bodyTimeout} a request whose body is not
 * complete in time (408); {@code maxConnections} caps the connections open at once.
 */
public record HttpConfig(
        String host,
        int port,
        int bodyLimitBytes,
        Duration requestTimeout,
        Duration idleTimeout,
        Duration headerTimeout,
        Duration bodyTimeout,
        int maxConnections) {
    /** The shipped limits of config/jiesu.yaml, for harnesses that build the edge without a config file. */
    public HttpConfig(String host, int port, int bodyLimitBytes, Duration requestTimeout) {
        this(
                host,
                port,
                bodyLimitBytes,
                requestTimeout,
                Duration.ofSeconds(30),
                Duration.ofSeconds(10),
                Duration.ofSeconds(20),
                4096);
    }

    public static HttpConfig from(ConfigNode t) {
        return new HttpConfig(
                t.string("http.host"),
                t.integer("http.port", 0, 65535),
                t.integer("http.body-limit-bytes", 1024, 64 * 1024 * 1024),
                t.duration("http.request-timeout"),
                t.duration("http.idle-timeout"),
                t.duration("http.header-timeout"),
                t.duration("http.body-timeout"),
                t.integer("http.max-connections", 1, 1_000_000));
    }
}
