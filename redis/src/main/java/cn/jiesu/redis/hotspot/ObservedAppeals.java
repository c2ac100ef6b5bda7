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
     * Which of the appeals were counted already: asked once per batch before observing (a redelivered entry, the
     * same appeal appended twice), so a counted appeal opens or grows nothing again and is not counted twice in
     * the detecting instance's memory; the log script's own check catches what a race lets through.
     */
    public CompletionStage<java.util.Set<String>> observedOf(java.util.List<String> intakeIds) {
        if (intakeIds.isEmpty()) {
            return java.util.concurrent.CompletableFuture.completedFuture(java.util.Set.of());
        }
        return clients.failures()
                .settle(clients.shared()
                        .async()
                        .zmscore(keys.seen(), intakeIds.toArray(String[]::new))
                        .thenApply(scores -> {
                            java.util.Set<String> out = new java.util.HashSet<>();
                            for (int i = 0; i < scores.size(); i++) {
                                if (scores.get(i) != null) {
                                    out.add(intakeIds.get(i));
                                }
                            }
                            return out;
                        }));
    }

    /** {@link #observedOf} for one appeal. */
    public CompletionStage<Boolean> observed(String intakeId) {
        return clients.failures()
                .settle(clients.shared().async().zscore(keys.seen(), intakeId).thenApply(score -> score != null));
    }
}
