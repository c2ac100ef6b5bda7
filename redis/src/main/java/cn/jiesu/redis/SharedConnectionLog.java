package cn.jiesu.redis;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import java.net.SocketAddress;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * Says once that the shared connection was lost and once that it is back, with how long it was out. Lettuce's own
 * watchdog warns on every reconnect attempt of every connection (a fresh operator counted 35-44 lines in a 45 s
 * outage); logback.xml keeps that one to errors, and this says what an operator needs. Thread-safe.
 */
final class SharedConnectionLog implements RedisConnectionStateListener {
    private final Logger log;
    private final Object shared;
    private final String uri;
    private long lostAtNanos;
    private boolean lost;
    private volatile boolean closing;

    SharedConnectionLog(Logger log, Object shared, String redactedUri) {
        this.log = log;
        this.shared = shared;
        this.uri = redactedUri;
    }

    /** The process is closing the connection: no warning for that. */
    void closing() {
        closing = true;
    }

    @Override
    public synchronized void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
        if (connection != shared || closing || lost) {
            return;
        }
        lost = true;
        lostAtNanos = System.nanoTime();
        log.warn(
                "redis: lost the connection to {}; reconnecting (said once; redis.connection.up is 0 until it is back)",
                uri);
    }

    @Override
    public synchronized void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
        if (connection != shared || !lost) {
            return;
        }
        lost = false;
        Duration out = Duration.ofNanos(System.nanoTime() - lostAtNanos);
        log.info("redis: connected again to {} after {} s", uri, Math.max(1, Math.round(out.toMillis() / 1000.0)));
    }
}
