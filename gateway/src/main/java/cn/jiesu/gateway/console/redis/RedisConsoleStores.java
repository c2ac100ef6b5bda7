package cn.jiesu.gateway.console.redis;

import cn.jiesu.gateway.console.AgentAccounts;
import cn.jiesu.gateway.console.ConsoleConfig;
import cn.jiesu.gateway.console.ConsoleStores;
import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.StreamKeys;
import cn.jiesu.redis.intake.RedisAppealStore;
import java.time.Clock;

/**
 * Builds the console's stores on the process's Redis connection. These adapters are the only console classes that
 * touch Lettuce; they belong in the redis module and live here until it takes them (package move only).
 */
public final class RedisConsoleStores {
    private RedisConsoleStores() {
    }

    public static ConsoleStores create(RedisClients redis, RedisAppealStore appeals, ConsoleConfig config,
                                       Clock clock) {
        String prefix = redis.config().keyPrefix();
        ConsoleKeys keys = new ConsoleKeys(prefix);
        return new ConsoleStores(
                new RedisSessionStore(redis, keys),
                new RedisPopStore(redis, keys, clock),
                new RedisDraftStore(redis, keys, clock),
                new RedisAgentStates(redis, keys),
                new AgentAccounts(config.agents(), new RedisAgentDirectory(redis, keys)),
                new RedisCallAppeals(redis, new StreamKeys(prefix), appeals, config.phoneAccount()),
                new RedisConsoleFanout(redis, keys));
    }
}
