package cn.jiesu.redis.hotspot;

import cn.jiesu.redis.RedisClients;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * Which appeals the hotspot detector has counted: the intake ids in one sorted set by when they were counted, added
 * by {@link WriteBehindHotspotStore}'s flush atomically with the appeals' counts, so a redelivered entry, a second
 * instance or a later enrichment never counts an appeal twice, and one whose flush failed is counted when it comes
 * again. Kept 48 h: longer than any window and than a stream entry stays pending. One set rather than a key per
 * appeal: a flush checks and marks its batch with two commands instead of two per appeal. Thread-safe,
 * non-blocking.
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
                .settle(clients.shared().async().zscore(keys.seen(), intakeId).thenApply(score -> score != null));
    }
}
