package cn.jiesu.ivr.ami;

import cn.jiesu.core.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * How to reach Asterisk's AMI and how hard to hold on to it. The secret comes only from configuration or the
 * environment and is never logged: {@link #toString()} masks it.
 *
 * <p>Keys are {@code ami.kebab-case} with units ({@code ami.ping-interval-ms}); the environment form is derived
 * mechanically ({@code JIESU_AMI_PING_INTERVAL_MS}). {@code ami.secret-file} names a file holding the secret (the
 * Asterisk lab generates one) and is read when {@code ami.secret} is absent.
 *
 * @param socketReadTimeout a connection that has read nothing for this long is dead; pings keep a healthy one busy
 * @param pingInterval      how often both connections are pinged; must be shorter than the read timeout
 * @param eventQueueCapacity capacity of the bounded queue between the AMI reader and the call tracker
 * @param reconcileInterval  how often the tracker is checked against CoreShowChannels even without a gap
 */
public record AmiConfig(
        String host,
        int port,
        String username,
        String secret,
        Duration connectTimeout,
        Duration socketReadTimeout,
        Duration pingInterval,
        Duration reconnectBackoffMin,
        Duration reconnectBackoffMax,
        int eventQueueCapacity,
        Duration actionTimeout,
        Duration reconcileInterval) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 5038;
    public static final String DEFAULT_USERNAME = "jiesu";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_SOCKET_READ_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(3);
    public static final Duration DEFAULT_RECONNECT_BACKOFF_MIN = Duration.ofMillis(100);
    public static final Duration DEFAULT_RECONNECT_BACKOFF_MAX = Duration.ofSeconds(2);
    public static final int DEFAULT_EVENT_QUEUE_CAPACITY = 32_768;
    public static final Duration DEFAULT_ACTION_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_RECONCILE_INTERVAL = Duration.ofMinutes(5);

    public AmiConfig {
        require(host != null && !host.isBlank(), "ami.host", "required");
        require(port > 0 && port < 65536, "ami.port", "must be 1..65535, was " + port);
        require(username != null && !username.isBlank(), "ami.username", "required");
        require(secret != null && !secret.isEmpty(), "ami.secret", "required (or ami.secret-file)");
        positive(connectTimeout, "ami.connect-timeout-ms");
        positive(socketReadTimeout, "ami.socket-read-timeout-ms");
        positive(pingInterval, "ami.ping-interval-ms");
        positive(reconnectBackoffMin, "ami.reconnect-backoff-min-ms");
        positive(reconnectBackoffMax, "ami.reconnect-backoff-max-ms");
        positive(actionTimeout, "ami.action-timeout-ms");
        positive(reconcileInterval, "ami.reconcile-interval-ms");
        require(
                pingInterval.compareTo(socketReadTimeout) < 0,
                "ami.ping-interval-ms",
                "must be shorter than ami.socket-read-timeout-ms, or idle connections drop");
        require(
                reconnectBackoffMin.compareTo(reconnectBackoffMax) <= 0,
                "ami.reconnect-backoff-min-ms",
                "must not exceed ami.reconnect-backoff-max-ms");
        require(eventQueueCapacity >= 16, "ami.event-queue-capacity", "must be >= 16, was " + eventQueueCapacity);
    }

    /** A config with every default, for the given server and credentials. */
    public static AmiConfig of(String host, int port, String username, String secret) {
        return new AmiConfig(
                host,
                port,
                username,
                secret,
                DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_SOCKET_READ_TIMEOUT,
                DEFAULT_PING_INTERVAL,
                DEFAULT_RECONNECT_BACKOFF_MIN,
                DEFAULT_RECONNECT_BACKOFF_MAX,
                DEFAULT_EVENT_QUEUE_CAPACITY,
                DEFAULT_ACTION_TIMEOUT,
                DEFAULT_RECONCILE_INTERVAL);
    }

    /** Reads {@code ami.*} keys from {@code lookup}; absent keys take the defaults. */
    public static AmiConfig from(UnaryOperator<String> lookup) {
        String secret = lookup.apply("ami.secret");
        String secretFile = lookup.apply("ami.secret-file");
        if ((secret == null || secret.isEmpty()) && secretFile != null && !secretFile.isBlank()) {
            secret = readSecret(Path.of(secretFile));
        }
        return new AmiConfig(
                str(lookup, "ami.host", DEFAULT_HOST),
                num(lookup, "ami.port", DEFAULT_PORT),
                str(lookup, "ami.username", DEFAULT_USERNAME),
                secret,
                ms(lookup, "ami.connect-timeout-ms", DEFAULT_CONNECT_TIMEOUT),
                ms(lookup, "ami.socket-read-timeout-ms", DEFAULT_SOCKET_READ_TIMEOUT),
                ms(lookup, "ami.ping-interval-ms", DEFAULT_PING_INTERVAL),
                ms(lookup, "ami.reconnect-backoff-min-ms", DEFAULT_RECONNECT_BACKOFF_MIN),
                ms(lookup, "ami.reconnect-backoff-max-ms", DEFAULT_RECONNECT_BACKOFF_MAX),
                num(lookup, "ami.event-queue-capacity", DEFAULT_EVENT_QUEUE_CAPACITY),
                ms(lookup, "ami.action-timeout-ms", DEFAULT_ACTION_TIMEOUT),
                ms(lookup, "ami.reconcile-interval-ms", DEFAULT_RECONCILE_INTERVAL));
    }

    /** Reads the environment form of each key: {@code ami.ping-interval-ms} → {@code JIESU_AMI_PING_INTERVAL_MS}. */
    public static AmiConfig fromEnv(Map<String, String> env) {
        return from(key -> env.get(envName(key)));
    }

    public static String envName(String key) {
        return "JIESU_" + key.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "AmiConfig[host=" + host + ", port=" + port + ", username=" + username + ", secret=****"
                + ", connectTimeout=" + connectTimeout + ", socketReadTimeout=" + socketReadTimeout
                + ", pingInterval=" + pingInterval + ", reconnectBackoff=" + reconnectBackoffMin + ".."
                + reconnectBackoffMax + ", eventQueueCapacity=" + eventQueueCapacity
                + ", actionTimeout=" + actionTimeout + ", reconcileInterval=" + reconcileInterval + "]";
    }

    private static String readSecret(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new ConfigException("ami.secret-file", "cannot read " + file, e);
        }
    }

    private static String str(UnaryOperator<String> lookup, String key, String fallback) {
        String v = lookup.apply(key);
        return v == null || v.isBlank() ? fallback : v.strip();
    }

    private static int num(UnaryOperator<String> lookup, String key, int fallback) {
        String v = lookup.apply(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "not a number: " + v, e);
        }
    }

    private static Duration ms(UnaryOperator<String> lookup, String key, Duration fallback) {
        String v = lookup.apply(key);
        return v == null || v.isBlank() ? fallback : Duration.ofMillis(num(lookup, key, 0));
    }

    private static void positive(Duration d, String key) {
        require(d != null && !d.isNegative() && !d.isZero(), key, "must be positive, was " + d);
    }

    private static void require(boolean ok, String key, String problem) {
        if (!ok) {
            throw new ConfigException(key, problem);
        }
    }
}
