package cn.jiesu.redis.hotspot;

import cn.jiesu.redis.RedisClients;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * Which appeals the hotspot detector has counted: a marker per intake id, set by {@link WriteBehindHotspotStore}'s
 * flush atomically with the appeal's counts, so a redelivered entry, a second instance or a later enrichment never
 * counts an appeal twice, and one whose flush failed is counted when it comes again. Kept 48 h: longer than any
 * window and than a stream entry stays pending. Thread-safe, non-blocking.
 */
public final class ObservedAppeals {
    static final Duration KEEP = Duration.ofHours(48);

    private final RedisClients clients;
    private final HotspotKeys keys;

    public ObservedAppeals(RedisClients clients, HotspotKeys keys) {
        this.clients = clients;
        this.keys = keys;
    }

    /**
     * True when the appeal was counted already. Asked only where that is likely (a redelivery, an enrichment), so
     * a counted appeal opens or grows nothing again; the flush's own check is what keeps counts exact.
     */
    public CompletionStage<Boolean> observed(String intakeId) {
        return clients.failures()
                .settle(clients.shared().async().exists(keys.seen(intakeId)).thenApply(n -> n > 0));
    }
}
