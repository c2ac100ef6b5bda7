package cn.jiesu.redis;

import cn.jiesu.core.config.ConfigException;
import java.net.URI;
import java.time.Duration;
import java.util.Set;

/**
 * Settings of the Redis module, validated on construction. The gateway maps YAML and environment onto it; error
 * messages name each setting by its key with its unit ({@code redis.command-timeout: must be positive}).
 *
 * @param uri               {@code redis://[:password@]host:port[/db]} or {@code rediss://...}
 * @param commandTimeout    how long any one command may take before its stage fails (blocking reads add
 *                          {@code blockTimeout} on top)
 * @param connectTimeout    TCP connect timeout, also the bound on the first connect at startup
 * @param requestQueueSize  commands in flight per connection before new ones are rejected
 * @param keyPrefix         prefix of every key this module writes, so several deployments or tests can share a Redis
 * @param dedupeWindow      how long an intake's dedupe key is remembered
 * @param reclaimIdle       pending entries idle this long are claimed by another consumer
 * @param maxDeliveries     handler attempts per entry before it goes to the dead-letter stream
 * @param blockTimeout      XREADGROUP BLOCK time
 * @param batchSize         XREADGROUP / XAUTOCLAIM COUNT
 * @param streamRetention   intake entries younger than this are never trimmed
 * @param trimInterval      how often {@code StreamTrimmer} runs
 * @param eventsMaxLen      approximate cap of the appeal-events stream (XADD MAXLEN ~)
 * @param appealRetention   how long an appeal's keys live (hash, number and related ids from the append, a phone
 *                          index once its number is quiet that long, final callbacks, resolution/rating and 三率
 *                          record from when written), so that Redis memory is bounded (noeviction would otherwise
 *                          stop the intake once memory is full); zero keeps them forever
 */
public record RedisConfig(
        URI uri,
        Duration commandTimeout,
        Duration connectTimeout,
        int requestQueueSize,
        String keyPrefix,
        Duration dedupeWindow,
        Duration reclaimIdle,
        int maxDeliveries,
        Duration blockTimeout,
        int batchSize,
        Duration streamRetention,
        Duration trimInterval,
        long eventsMaxLen,
        Duration appealRetention) {

    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_REQUEST_QUEUE_SIZE = 10_000;
    public static final String DEFAULT_KEY_PREFIX = "jiesu:";
    public static final Duration DEFAULT_DEDUPE_WINDOW = Duration.ofDays(7);
    public static final Duration DEFAULT_RECLAIM_IDLE = Duration.ofSeconds(60);
    public static final int DEFAULT_MAX_DELIVERIES = 5;
    public static final Duration DEFAULT_BLOCK_TIMEOUT = Duration.ofSeconds(2);
    public static final int DEFAULT_BATCH_SIZE = 100;
    public static final Duration DEFAULT_STREAM_RETENTION = Duration.ofDays(30);
    public static final Duration DEFAULT_TRIM_INTERVAL = Duration.ofMinutes(5);
    public static final long DEFAULT_EVENTS_MAX_LEN = 1_000_000;
    /** A year of history for screen-pops and repeat-caller checks, plus a month for the yearly review. */
    public static final Duration DEFAULT_APPEAL_RETENTION = Duration.ofDays(400);

    private static final Set<String> SCHEMES = Set.of("redis", "rediss");

    public RedisConfig {
        required(uri, "redis.uri");
        if (uri.getScheme() == null || !SCHEMES.contains(uri.getScheme()) || uri.getHost() == null) {
            throw new ConfigException("redis.uri", "must look like redis://host:port or rediss://host:port");
        }
        positive(commandTimeout, "redis.command-timeout");
        positive(connectTimeout, "redis.connect-timeout");
        if (requestQueueSize < 1) {
            throw new ConfigException("redis.request-queue-size", "must be positive");
        }
        required(keyPrefix, "redis.key-prefix");
        if (keyPrefix.isEmpty() || keyPrefix.chars().anyMatch(c -> c <= ' ' || "*?[]\\".indexOf(c) >= 0)) {
            throw new ConfigException("redis.key-prefix", "must be non-empty, without spaces or *?[]\\");
        }
        positive(dedupeWindow, "redis.dedupe-window");
        if (dedupeWindow.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new ConfigException("redis.dedupe-window", "must be at least 1s");
        }
        positive(reclaimIdle, "redis.reclaim-idle");
        if (maxDeliveries < 1) {
            throw new ConfigException("redis.max-deliveries", "must be positive");
        }
        positive(blockTimeout, "redis.block-timeout");
        if (batchSize < 1 || batchSize > 10_000) {
            throw new ConfigException("redis.batch-size", "must be between 1 and 10000");
        }
        positive(streamRetention, "redis.stream-retention");
        positive(trimInterval, "redis.trim-interval");
        if (eventsMaxLen < 1) {
            throw new ConfigException("redis.events-max-len", "must be positive");
        }
        required(appealRetention, "redis.appeal-retention");
        if (appealRetention.isNegative()
                || !appealRetention.isZero()
                        && (appealRetention.compareTo(dedupeWindow) < 0
                                || appealRetention.compareTo(streamRetention) < 0)) {
            // An appeal must outlive its dedupe key (a repeat would otherwise find an id whose appeal is gone) and
            // its stream entry (a consumer would otherwise handle an entry whose appeal is gone).
            throw new ConfigException(
                    "redis.appeal-retention",
                    "must be at least redis.dedupe-window and "
                            + "redis.stream-retention, or 0 to keep appeals forever");
        }
    }

    /** All defaults, for {@code uri}. */
    public static RedisConfig defaults(URI uri) {
        return new RedisConfig(
                uri,
                DEFAULT_COMMAND_TIMEOUT,
                DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_REQUEST_QUEUE_SIZE,
                DEFAULT_KEY_PREFIX,
                DEFAULT_DEDUPE_WINDOW,
                DEFAULT_RECLAIM_IDLE,
                DEFAULT_MAX_DELIVERIES,
                DEFAULT_BLOCK_TIMEOUT,
                DEFAULT_BATCH_SIZE,
                DEFAULT_STREAM_RETENTION,
                DEFAULT_TRIM_INTERVAL,
                DEFAULT_EVENTS_MAX_LEN,
                DEFAULT_APPEAL_RETENTION);
    }

    public RedisConfig withKeyPrefix(String prefix) {
        return new RedisConfig(
                uri,
                commandTimeout,
                connectTimeout,
                requestQueueSize,
                prefix,
                dedupeWindow,
                reclaimIdle,
                maxDeliveries,
                blockTimeout,
                batchSize,
                streamRetention,
                trimInterval,
                eventsMaxLen,
                appealRetention);
    }

    public RedisConfig withCommandTimeout(Duration timeout) {
        return new RedisConfig(
                uri,
                timeout,
                connectTimeout,
                requestQueueSize,
                keyPrefix,
                dedupeWindow,
                reclaimIdle,
                maxDeliveries,
                blockTimeout,
                batchSize,
                streamRetention,
                trimInterval,
                eventsMaxLen,
                appealRetention);
    }

    /** The consumer-group settings: reclaim idle time, delivery cap, block time and batch size. */
    public RedisConfig withConsumer(Duration reclaim, int deliveries, Duration block, int batch) {
        return new RedisConfig(
                uri,
                commandTimeout,
                connectTimeout,
                requestQueueSize,
                keyPrefix,
                dedupeWindow,
                reclaim,
                deliveries,
                block,
                batch,
                streamRetention,
                trimInterval,
                eventsMaxLen,
                appealRetention);
    }

    public RedisConfig withStreamRetention(Duration retention) {
        return new RedisConfig(
                uri,
                commandTimeout,
                connectTimeout,
                requestQueueSize,
                keyPrefix,
                dedupeWindow,
                reclaimIdle,
                maxDeliveries,
                blockTimeout,
                batchSize,
                retention,
                trimInterval,
                eventsMaxLen,
                appealRetention);
    }

    public RedisConfig withAppealRetention(Duration retention) {
        return new RedisConfig(
                uri,
                commandTimeout,
                connectTimeout,
                requestQueueSize,
                keyPrefix,
                dedupeWindow,
                reclaimIdle,
                maxDeliveries,
                blockTimeout,
                batchSize,
                streamRetention,
                trimInterval,
                eventsMaxLen,
                retention);
    }

    /** The appeal retention in milliseconds for the scripts' PEXPIRE; 0 when appeals are kept forever. */
    public long appealRetentionMillis() {
        return appealRetention.toMillis();
    }

    /** Never prints the password of the URI. */
    @Override
    public String toString() {
        return "RedisConfig[uri=" + redactedUri() + ", commandTimeout=" + commandTimeout + ", connectTimeout="
                + connectTimeout + ", requestQueueSize=" + requestQueueSize + ", keyPrefix=" + keyPrefix
                + ", dedupeWindow=" + dedupeWindow + ", reclaimIdle=" + reclaimIdle + ", maxDeliveries="
                + maxDeliveries + ", blockTimeout=" + blockTimeout + ", batchSize=" + batchSize
                + ", streamRetention=" + streamRetention + ", trimInterval=" + trimInterval + ", eventsMaxLen="
                + eventsMaxLen + ", appealRetention=" + appealRetention + "]";
    }

    /** The URI without its user-info, for logs. */
    public String redactedUri() {
        return uri.getScheme() + "://" + (uri.getUserInfo() == null ? "" : "***@") + uri.getHost()
                + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + (uri.getPath() == null ? "" : uri.getPath());
    }

    private static void required(Object value, String key) {
        if (value == null) {
            throw new ConfigException(key, "required");
        }
    }

    private static void positive(Duration d, String key) {
        required(d, key);
        if (d.isNegative() || d.isZero()) {
            throw new ConfigException(key, "must be positive");
        }
    }
}
