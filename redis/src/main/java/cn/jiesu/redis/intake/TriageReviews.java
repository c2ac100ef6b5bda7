package cn.jiesu.redis.intake;

import cn.jiesu.core.classify.TriageCorrection;
import cn.jiesu.core.classify.TriageDecisions;
import cn.jiesu.core.intake.RequestType;
import cn.jiesu.core.intake.Urgency;
import cn.jiesu.redis.LuaScript;
import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.RedisConfig;
import cn.jiesu.redis.StoreFailures;
import cn.jiesu.redis.StreamKeys;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The review desk of triage: how many appeals wait for an agent to confirm their tier (indexed at append when
 * {@code triage.review} is set; listed through {@code RedisAppealSearch}'s review filter) and the agents'
 * confirmations and corrections, kept as a stream ({@code triage:corrections}, capped) that is exported as corpus
 * rows for the next training run.
 */
public final class TriageReviews implements TriageDecisions {
    /** Corrections kept: years of a hotline's corrections, a few MB. */
    static final long CORRECTIONS_MAX_LEN = 100_000;

    private static final LuaScript CONFIRM = LuaScript.load(TriageReviews.class, "confirm-triage.lua");

    private final RedisClients clients;
    private final StreamKeys keys;
    private final RedisConfig config;
    private final RedisAppealStore appeals;
    private final StoreFailures failures;

    public TriageReviews(RedisClients clients, StreamKeys keys, RedisConfig config, RedisAppealStore appeals) {
        this.clients = clients;
        this.keys = keys;
        this.config = config;
        this.appeals = appeals;
        this.failures = clients.failures();
    }

    /** How many appeals wait for an agent's confirmation. */
    public CompletionStage<Long> openCount() {
        return failures.settle(commands().zcard(keys.triageReview()));
    }

    /**
     * Records an agent's decision on an appeal: its tier, type and deadline are overwritten, the review flag
     * cleared, and the correction kept for training. False when there is no such appeal.
     */
    @Override
    public CompletionStage<Boolean> confirm(TriageCorrection c, Instant dueAt) {
        String[] keyArray = {
            keys.appeal(c.intakeId()), keys.triageReview(), keys.triageCorrections(), keys.appealEvents()
        };
        String[] args = {
            c.intakeId(),
            c.at().toString(),
            Long.toString(config.eventsMaxLen()),
            Long.toString(CORRECTIONS_MAX_LEN),
            c.urgency().name(),
            c.requestType().name(),
            dueAt.toString(),
            c.by() == null ? "" : c.by(),
            c.text(),
            name(c.urgencyBefore()),
            name(c.requestTypeBefore())
        };
        CompletionStage<Long> run;
        try {
            run = CONFIRM.run(commands(), ScriptOutputType.INTEGER, keyArray, args);
        } catch (RuntimeException e) {
            run = CompletableFuture.failedStage(e);
        }
        return failures.settle(run.thenApply(n -> n == 1L));
    }

    /**
     * Corrections recorded at or after {@code since}, oldest first, at most {@code limit}. An instant before 1970
     * means from the first (stream ids cannot be negative: Redis refuses them).
     */
    public CompletionStage<List<TriageCorrection>> corrections(Instant since, int limit) {
        long from = since.isBefore(Instant.EPOCH) ? 0 : since.toEpochMilli();
        return failures.settle(commands()
                .xrange(keys.triageCorrections(), Range.create(Long.toString(from), "+"), Limit.from(limit))
                .thenApply(list -> list.stream().map(TriageReviews::correction).toList()));
    }

    private static TriageCorrection correction(StreamMessage<String, String> m) {
        Map<String, String> f = m.getBody();
        return new TriageCorrection(
                f.get("intakeId"),
                f.get("text"),
                parse(RequestType.class, f.get("requestTypeBefore")),
                parse(Urgency.class, f.get("urgencyBefore")),
                RequestType.valueOf(f.get("requestType")),
                Urgency.valueOf(f.get("urgency")),
                f.get("by"),
                Instant.parse(f.get("at")));
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String v) {
        return v == null || v.isEmpty() ? null : Enum.valueOf(type, v);
    }

    private static String name(Enum<?> e) {
        return e == null ? "" : e.name();
    }

    private RedisAsyncCommands<String, String> commands() {
        return clients.shared().async();
    }
}
