package cn.jiesu.gateway.config;

import cn.jiesu.core.config.ConfigNode;
import cn.jiesu.redis.RedisConfig;

/** Maps the {@code redis.*} keys onto the redis module's {@link RedisConfig}. */
public final class RedisSection {
    private RedisSection() {}

    public static RedisConfig from(ConfigNode t) {
        var uri = t.uri("redis.uri");
        return new RedisConfig(
                uri,
                t.duration("redis.command-timeout"),
                t.duration("redis.connect-timeout"),
                t.integer("redis.request-queue-size", 1, 1_000_000),
                t.string("redis.key-prefix"),
                t.duration("redis.dedupe-window"),
                t.duration("redis.reclaim-idle"),
                t.integer("redis.max-deliveries", 1, 1000),
                t.duration("redis.block-timeout"),
                t.integer("redis.batch-size", 1, 10_000),
                t.duration("redis.stream-retention"),
                t.duration("redis.trim-interval"),
                t.integer("redis.events-max-len", 1000, Integer.MAX_VALUE),
                t.durationOrZero("redis.appeal-retention"));
    }
}
