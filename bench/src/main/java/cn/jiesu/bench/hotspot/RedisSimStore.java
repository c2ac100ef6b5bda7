package cn.jiesu.bench.hotspot;

import cn.jiesu.core.hotspot.HotspotStore;
import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.RedisConfig;
import cn.jiesu.redis.hotspot.HotspotKeys;
import cn.jiesu.redis.hotspot.WriteBehindHotspotStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;

/**
 * The simulator's store on a real Redis ({@code -Djiesu.hotspots.redis=redis://host:port}), under a key prefix of
 * its own, so the cost per appeal with Redis can be measured: the gateway's write-behind store. Loaded by name, so the in-memory run needs
 * only core on its class path.
 */
public final class RedisSimStore {
    private RedisSimStore() {}

    public static HotspotStore open(String uri, Clock clock) {
        RedisConfig config = RedisConfig.defaults(URI.create(uri)).withKeyPrefix("bench-hs-" + System.nanoTime() + ":");
        RedisClients clients = RedisClients.connect(config, new SimpleMeterRegistry());
        Runtime.getRuntime().addShutdownHook(new Thread(clients::close));
        // The gateway's store and default refresh interval (hotspots.refresh-interval).
        return new WriteBehindHotspotStore(clients, new HotspotKeys(config.keyPrefix()), clock, Duration.ofSeconds(1));
    }
}
