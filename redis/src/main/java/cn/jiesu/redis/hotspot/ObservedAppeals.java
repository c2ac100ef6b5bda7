package cn.jiesu.redis.hotspot;

import cn.jiesu.redis.RedisClients;
import io.lettuce.core.SetArgs;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * Which appeals the hotspot detector has counted: a {@code SET NX} marker per intake id, taken before observing, so
 * a redelivered entry, a second instance or a later enrichment never counts an appeal twice. Kept 48 h: longer than
 * any window and than a stream entry stays pending. Thread-safe, non-blocking.
 */
public final class ObservedAppeals {
    static final Duration KEEP = Duration.ofHours(48);

    private final RedisClients clients;
    private final HotspotKeys keys;

    public ObservedAppeals(RedisClients clients, HotspotKeys keys) {
        this.clients = clients;
        this.keys = keys;
    }

    /** True when this call took the appeal's marker (observe it now); false when it was observed already. */
    public CompletionStage<Boolean> claim(String intakeId) {
        return clients.failures()
                .settle(clients.shared()
                        .async()
                        .set(keys.seen(intakeId), "1", SetArgs.Builder.nx().px(KEEP.toMillis()))
                        .thenApply("OK"::equals));
    }

    /** Gives the marker back after observing failed, so a redelivery tries again. */
    public CompletionStage<Long> release(String intakeId) {
        return clients.failures().settle(clients.shared().async().del(keys.seen(intakeId)));
    }
}
