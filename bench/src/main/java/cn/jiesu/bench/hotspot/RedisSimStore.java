package cn.jiesu.bench.hotspot;

import cn.jiesu.core.hotspot.HotspotStore;
import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.RedisConfig;
import cn.jiesu.redis.hotspot.HotspotKeys;
import cn.jiesu.redis.hotspot.HotspotLease;
import cn.jiesu.redis.hotspot.LeaderHotspotStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;

/**
 * The simulator's store on a real Redis ({@code -Djiesu.hotspots.redis=redis://host:port}), under a key prefix of
 * its own, so the cost per appeal with Redis can be measured: the gateway's detecting-instance store. Loaded by name, so the in-memory run needs
 * only core on its class path.
 */
public final class RedisSimStore {
    private RedisSimStore() {}

    public static HotspotStore open(String uri, Clock clock) {
        RedisConfig config = RedisConfig.defaults(URI.create(uri)).withKeyPrefix("bench-hs-" + System.nanoTime() + ":");
        RedisClients clients = RedisClients.connect(config, new SimpleMeterRegistry());
        Runtime.getRuntime().addShutdownHook(new Thread(clients::close));
        // The detecting instance's store, as the gateway's lease holder has it, with the default apply-interval. The
        // lease outlasts the run (nothing renews it here); the log is empty, so the rebuild replays nothing.
        HotspotKeys keys = new HotspotKeys(config.keyPrefix());
        HotspotLease lease = new HotspotLease(clients, keys, "bench", Duration.ofDays(1));
        if (!lease.tryAcquire()) {
            throw new IllegalStateException("the bench's own key prefix has a lease holder");
        }
        LeaderHotspotStore store = new LeaderHotspotStore(clients, keys, clock, lease, Duration.ofMinutes(1));
        store.rebuild((appeal, live) -> {});
        return store;
    }
}
