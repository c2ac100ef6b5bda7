package cn.jiesu.redis.console;

import cn.jiesu.core.console.AgentAccount;
import cn.jiesu.core.console.AgentAccounts;
import cn.jiesu.core.console.ConsoleNoticeCodec;
import cn.jiesu.core.console.ConsoleStores;
import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.StreamKeys;
import cn.jiesu.redis.intake.TriageReviews;
import cn.jiesu.redis.intake.RedisAppealStore;
import java.time.Clock;
import java.util.Map;

/** Builds the console's stores on the process's Redis connection. */
public final class RedisConsoleStores {
    private RedisConsoleStores() {
    }

    /**
     * The stores under the deployment's key prefix: {@code configured} accounts win over those in Redis, a call's
     * appeal is found under {@code hotline}'s dedupe keys, and notices cross instances in {@code codec}.
     */
    public static ConsoleStores create(RedisClients redis, RedisAppealStore appeals,
                                       Map<String, AgentAccount> configured, String hotline,
                                       ConsoleNoticeCodec codec, Clock clock) {
        String prefix = redis.config().keyPrefix();
        ConsoleKeys keys = new ConsoleKeys(prefix);
        return new ConsoleStores(
                new RedisSessionStore(redis, keys),
                new RedisSignInAttempts(redis, keys, clock),
                new RedisPopStore(redis, keys, clock),
                new RedisDraftStore(redis, keys, clock),
                new RedisAgentStates(redis, keys),
                new AgentAccounts(configured, new RedisAgentDirectory(redis, keys),
                        new RedisUpgradedHashes(redis, keys)),
                new RedisCallAppeals(redis, new StreamKeys(prefix), appeals, hotline),
                new RedisConsoleFanout(redis, keys, codec),
                new TriageReviews(redis, new StreamKeys(prefix), redis.config(), appeals));
    }
}
