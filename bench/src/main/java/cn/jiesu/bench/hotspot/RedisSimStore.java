package cn.jiesu.bench.hotspot;

import cn.jiesu.core.hotspot.HotspotStore;
import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.RedisConfig;
import cn.jiesu.redis.hotspot.HotspotKeys;
import cn.jiesu.redis.hotspot.RedisHotspotStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Clock;

/**
 * The simulator's store on a real Redis ({@code -Djiesu.hotspots.redis=redis://host:port}), under a key prefix of
 * its own, so the cost per appeal with Redis round trips can be measured. Loaded by name, so the in-memory run needs
 * only core on its class path.
 */
public final class RedisSimStore {
    private RedisSimStore() {}

    public static HotspotStore open(String uri, Clock clock) {
        RedisConfig config = RedisConfig.defaults(URI.create(uri)).withKeyPrefix("bench-hs-" + System.nanoTime() + ":");
        RedisClients clients = RedisClients.connect(config, new SimpleMeterRegistry());
        Runtime.getRuntime().addShutdownHook(new Thread(clients::close));
        return new RedisHotspotStore(clients, new HotspotKeys(config.keyPrefix()), clock);
    }
}
