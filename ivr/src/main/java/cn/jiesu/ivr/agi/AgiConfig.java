package cn.jiesu.ivr.agi;

import cn.jiesu.core.config.ConfigException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How the FastAGI server listens and runs sessions. Keys, as the gateway's configuration names them:
 * {@code agi.bind-address}, {@code agi.port}, {@code agi.threads} ({@code virtual} or {@code platform}),
 * {@code agi.max-sessions}, {@code agi.socket-read-timeout}, {@code agi.shutdown-grace}.
 *
 * @param maxSessions       sessions served at once; a connection beyond it is closed at once (and counted)
 * @param socketReadTimeout longest wait for one Asterisk reply; must outlast the longest prompt or recording
 * @param shutdownGrace     how long {@link IvrAgiServer#stop()} lets running sessions finish before interrupting
 */
public record AgiConfig(
        String bindAddress,
        int port,
        Threads threads,
        int maxSessions,
        Duration socketReadTimeout,
        Duration shutdownGrace) {

    /** What runs the sessions. */
    public enum Threads {
        /**
         * One virtual thread per session: thousands of sessions cost little. A JDK >= 24 keeps synchronized blocks
         * from pinning them (JEP 491); the scripts pick Temurin 25.
         */
        VIRTUAL,
        /** Asterisk-Java's own kind of pool: one platform thread per session, up to {@code max-sessions}. */
        PLATFORM
    }

    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
    public static final int DEFAULT_PORT = 4573;
    public static final Threads DEFAULT_THREADS = Threads.VIRTUAL;
    public static final int DEFAULT_MAX_SESSIONS = 10_000;
    /** Asterisk-Java's platform pool maximum, for comparison: a 501st concurrent call is dropped there. */
    public static final int ASTERISK_JAVA_DEFAULT_MAX_POOL_SIZE = 500;

    public static final Duration DEFAULT_SOCKET_READ_TIMEOUT = Duration.ofMinutes(5);
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(5);

    public AgiConfig {
        if (bindAddress == null || bindAddress.isBlank()) {
            throw new ConfigException("agi.bind-address", "required");
        }
        if (port < 1 || port > 65535) {
            throw new ConfigException("agi.port", "must be between 1 and 65535, was " + port);
        }
        Objects.requireNonNull(threads, "agi.threads: required (virtual or platform)");
        if (maxSessions < 1 || maxSessions > 1_000_000) {
            throw new ConfigException("agi.max-sessions", "must be between 1 and 1000000, was " + maxSessions);
        }
        requirePositive(socketReadTimeout, "agi.socket-read-timeout");
        if (socketReadTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new ConfigException("agi.socket-read-timeout", "at most 24 days, was " + socketReadTimeout);
        }
        requirePositive(shutdownGrace, "agi.shutdown-grace");
    }

    private static void requirePositive(Duration d, String key) {
        if (d == null) {
            throw new ConfigException(key, "required");
        }
        if (d.isNegative() || d.isZero()) {
            throw new ConfigException(key, "must be positive, was " + d);
        }
    }

    public static AgiConfig defaults() {
        return new AgiConfig(
                DEFAULT_BIND_ADDRESS,
                DEFAULT_PORT,
                DEFAULT_THREADS,
                DEFAULT_MAX_SESSIONS,
                DEFAULT_SOCKET_READ_TIMEOUT,
                DEFAULT_SHUTDOWN_GRACE);
    }

    public AgiConfig withPort(int newPort) {
        return new AgiConfig(bindAddress, newPort, threads, maxSessions, socketReadTimeout, shutdownGrace);
    }

    public AgiConfig withThreads(Threads newThreads, int newMaxSessions) {
        return new AgiConfig(bindAddress, port, newThreads, newMaxSessions, socketReadTimeout, shutdownGrace);
    }

    /** Parses the {@code agi.threads} value; the message names the key. */
    public static Threads threadsOf(String value) {
        return switch (value == null ? "" : value.trim().toLowerCase(Locale.ROOT)) {
            case "virtual" -> Threads.VIRTUAL;
            case "platform" -> Threads.PLATFORM;
            default -> throw new ConfigException("agi.threads", "'virtual' or 'platform', was '" + value + "'");
        };
    }
}
