package cn.jiesu.redis.ivr;

import cn.jiesu.core.appeal.LookupBudget;
import cn.jiesu.redis.LuaScript;
import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.StoreFailures;
import io.lettuce.core.ScriptOutputType;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Daily lookup budgets in Redis, shared by every gateway instance: one counter per caller and calendar day (in
 * {@code zone}) under {@code <prefix>ivr:lookups:<yyyyMMdd>:<number>}, callers without a number under
 * {@code ...:anonymous}. A counter expires a day after the day it counts, so memory is bounded by the distinct
 * callers of two days. Every take counts, also those over the budget: a caller who keeps trying stays refused.
 *
 * <p>Thread-safe and non-blocking; failed stages carry an {@link cn.jiesu.core.appeal.AppealStoreException}.
 */
public final class RedisLookupBudget implements LookupBudget {
    static final String ANONYMOUS = "anonymous";
    private static final LuaScript LOOKUP = LuaScript.load(RedisLookupBudget.class, "lookup.lua");
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final RedisClients clients;
    private final String prefix;
    private final int perCaller;
    private final int anonymous;
    private final ZoneId zone;
    private final Clock clock;
    private final StoreFailures failures;

    /**
     * @param perCaller lookups a day per calling number
     * @param anonymous lookups a day of all callers without a number together
     */
    public RedisLookupBudget(
            RedisClients clients, String keyPrefix, int perCaller, int anonymous, ZoneId zone, Clock clock) {
        if (perCaller < 0 || anonymous < 0) {
            throw new IllegalArgumentException("budgets: must not be negative");
        }
        this.clients = clients;
        this.prefix = keyPrefix;
        this.perCaller = perCaller;
        this.anonymous = anonymous;
        this.zone = zone;
        this.clock = clock;
        this.failures = clients.failures();
    }

    @Override
    public CompletionStage<Boolean> take(String caller) {
        boolean withheld = caller == null || caller.isBlank();
        int limit = withheld ? anonymous : perCaller;
        LocalDate today = LocalDate.now(clock.withZone(zone));
        String key = prefix + "ivr:lookups:" + DAY.format(today) + ":" + (withheld ? ANONYMOUS : caller);
        long ttl = Duration.between(clock.instant(), today.plusDays(2).atStartOfDay(zone))
                .toSeconds();
        CompletionStage<Long> run;
        try {
            run = LOOKUP.run(
                    clients.shared().async(),
                    ScriptOutputType.INTEGER,
                    new String[] {key},
                    Long.toString(Math.max(1, ttl)));
        } catch (RuntimeException e) {
            run = CompletableFuture.failedStage(e);
        }
        return failures.settle(run).thenApply(n -> n <= limit);
    }
}
