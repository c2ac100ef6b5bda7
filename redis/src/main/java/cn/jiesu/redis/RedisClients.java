package cn.jiesu.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.MaintNotificationsConfig;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.metrics.MicrometerCommandLatencyRecorder;
import io.lettuce.core.metrics.MicrometerOptions;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redis client of the process: owns Lettuce's {@link ClientResources} (event loops, timers), one shared
 * multiplexed connection for ordinary commands, and the dedicated connections handed out for blocking reads.
 *
 * <p>Configured for a server: a fixed command timeout, a bounded request queue, commands rejected (not queued) while
 * disconnected, auto-reconnect, TCP keepalive and a connect timeout. Thread-safe. The Lettuce types it exposes are
 * for the adapters of this module; nothing outside {@code cn.jiesu.redis} should call {@link #shared()} or
 * {@link #dedicated()}.
 */
public final class RedisClients implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RedisClients.class);

    /** The name every connection of the process gives itself ({@code CLIENT SETNAME}). */
    public static final String CLIENT_NAME = "jiesu";

    /** Longest pause between reconnect attempts. */
    static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(2);

    private final RedisConfig config;
    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> shared;
    private final List<StatefulRedisConnection<String, String>> dedicated = new CopyOnWriteArrayList<>();
    private final StoreFailures failures;
    private final SharedConnectionLog connectionLog;

    private RedisClients(
            RedisConfig config,
            ClientResources resources,
            RedisClient client,
            StatefulRedisConnection<String, String> shared) {
        this.config = config;
        this.resources = resources;
        this.client = client;
        this.shared = shared;
        this.failures = new StoreFailures(this::isConnected);
        this.connectionLog = new SharedConnectionLog(log, shared, config.redactedUri());
        client.addListener(connectionLog);
    }

    /**
     * Connects the shared connection, blocking up to the connect timeout.
     *
     * @throws cn.jiesu.core.appeal.AppealStoreException.Unavailable when Redis cannot be reached at startup
     */
    public static RedisClients connect(RedisConfig config, MeterRegistry registry) {
        MicrometerOptions latency = MicrometerOptions.builder()
                .targetPercentiles(new double[] {0.5, 0.99})
                .build();
        ClientResources resources = DefaultClientResources.builder()
                .commandLatencyRecorder(new MicrometerCommandLatencyRecorder(registry, latency))
                // Lettuce backs off to 30 s between reconnect attempts; a hotline wants to be back within seconds.
                .reconnectDelay(Delay.equalJitter(Duration.ofMillis(50), MAX_RECONNECT_DELAY, 2, TimeUnit.MILLISECONDS))
                .build();
        RedisURI uri = RedisURI.create(config.uri());
        uri.setTimeout(config.connectTimeout());
        // CLIENT LIST tells the gateways' connections from a redis-cli or a monitor (scripts/lib/redis.sh counts them).
        uri.setClientName(CLIENT_NAME);
        RedisClient client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                // Redis 7.0 knows no CLIENT MAINT_NOTIFICATIONS; asking only logs noise on every connect.
                .maintNotificationsConfig(MaintNotificationsConfig.disabled())
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(config.requestQueueSize())
                .timeoutOptions(TimeoutOptions.builder()
                        .timeoutSource(new CommandTimeouts(config.commandTimeout(), config.blockTimeout()))
                        .build())
                .socketOptions(SocketOptions.builder()
                        .connectTimeout(config.connectTimeout())
                        .keepAlive(true)
                        .build())
                .build());
        StatefulRedisConnection<String, String> shared;
        try {
            shared = client.connect();
        } catch (RuntimeException e) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            resources.shutdown(0, 2, TimeUnit.SECONDS);
            throw new StoreFailures(() -> false).translate(e);
        }
        RedisClients clients = new RedisClients(config, resources, client, shared);
        Gauge.builder("redis.connection.up", clients, c -> c.isConnected() ? 1 : 0)
                .strongReference(true)
                .description("1 while the shared Redis connection is connected")
                .register(registry);
        log.info("redis: connected to {}", config.redactedUri());
        return clients;
    }

    /** The shared multiplexed connection: any number of callers, never for blocking commands. */
    public StatefulRedisConnection<String, String> shared() {
        return shared;
    }

    /**
     * A new connection for one blocking reader (XREADGROUP BLOCK would stall every other command on the shared
     * one). The caller closes it; whatever is still open is closed with this object.
     */
    public StatefulRedisConnection<String, String> dedicated() {
        try {
            StatefulRedisConnection<String, String> c = client.connect();
            dedicated.add(c);
            return c;
        } catch (RuntimeException e) {
            throw failures.translate(e);
        }
    }

    /**
     * A new connection for one Pub/Sub subscriber (a subscribed connection takes no other commands). Lettuce
     * subscribes again by itself after a reconnect. The caller closes it with {@link #release}; whatever is still
     * open is closed with this object.
     */
    public StatefulRedisPubSubConnection<String, String> pubSub() {
        try {
            StatefulRedisPubSubConnection<String, String> c = client.connectPubSub();
            dedicated.add(c);
            return c;
        } catch (RuntimeException e) {
            throw failures.translate(e);
        }
    }

    /** Closes a dedicated connection (blocking briefly) and forgets it. */
    public void release(StatefulRedisConnection<String, String> connection) {
        if (dedicated.remove(connection)) {
            connection.close();
        }
    }

    /** True while the shared connection is up (it reconnects by itself). */
    public boolean isConnected() {
        return shared.isOpen();
    }

    /** Round-trip time of a PING on the shared connection, for health checks; fails with an AppealStoreException. */
    public CompletionStage<Duration> ping() {
        long start = System.nanoTime();
        return shared.async()
                .ping()
                .<Duration>thenApply(pong -> Duration.ofNanos(System.nanoTime() - start))
                .exceptionallyCompose(e -> CompletableFuture.failedStage(failures.translate(e)));
    }

    /** Translates Lettuce failures for the adapters of this module. */
    public StoreFailures failures() {
        return failures;
    }

    public RedisConfig config() {
        return config;
    }

    /** Closes every connection, then the client and its resources; waits at most a few seconds. */
    @Override
    public void close() {
        connectionLog.closing();
        for (StatefulRedisConnection<String, String> c : dedicated) {
            if (dedicated.remove(c)) {
                c.close();
            }
        }
        shared.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
