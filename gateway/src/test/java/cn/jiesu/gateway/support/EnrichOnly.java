package cn.jiesu.gateway.support;

import cn.jiesu.core.console.CallAppeals;
import cn.jiesu.redis.intake.RedisAppealStore;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The console's call appeals reduced to what an enrichment decorator uses: the store's enrich. No call is tracked,
 * so no linkedid has an appeal or a number.
 */
public record EnrichOnly(RedisAppealStore store) implements CallAppeals {
    @Override
    public CompletionStage<Optional<String>> intakeIdOf(String linkedid) {
        return CompletableFuture.completedFuture(Optional.empty());
    }

    @Override
    public CompletionStage<String> reserveAppealNo(String linkedid, Duration ttl) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Boolean> enrich(String intakeId, Map<String, String> fields) {
        return store.enrich(intakeId, fields);
    }
}
