package cn.jiesu.redis.console;

import cn.jiesu.core.console.CallAppeals;
import cn.jiesu.core.intake.Channel;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.StreamKeys;
import cn.jiesu.redis.intake.RedisAppealStore;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * {@link CallAppeals} on the intake queue: a call's appeal is found through the dedupe key the tracker appends it
 * under ({@code PHONE|<hotline>|<linkedid>}), and enriched through {@link RedisAppealStore#enrich}, which keeps the
 * intake id and records an {@code enriched} event.
 */
public final class RedisCallAppeals implements CallAppeals {
    private final RedisClients clients;
    private final StreamKeys keys;
    private final RedisAppealStore store;
    private final String hotline;

    public RedisCallAppeals(RedisClients clients, StreamKeys keys, RedisAppealStore store, String hotline) {
        this.clients = clients;
        this.keys = keys;
        this.store = store;
        this.hotline = hotline;
    }

    @Override
    public CompletionStage<Optional<String>> intakeIdOf(String linkedid) {
        String dedupe = keys.dedupe(Intake.dedupeKey(Channel.PHONE, hotline, linkedid));
        return clients.failures().settle(clients.shared().async().get(dedupe).thenApply(Optional::ofNullable));
    }

    @Override
    public CompletionStage<String> reserveAppealNo(String linkedid, Duration ttl) {
        return store.reserveAppealNo(Intake.dedupeKey(Channel.PHONE, hotline, linkedid), ttl);
    }

    @Override
    public CompletionStage<Boolean> enrich(String intakeId, Map<String, String> fields) {
        return store.enrich(intakeId, fields);
    }
}
