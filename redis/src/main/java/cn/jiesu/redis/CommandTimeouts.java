package cn.jiesu.redis;

import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.ProtocolKeyword;
import io.lettuce.core.protocol.RedisCommand;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A fixed command timeout, lengthened by the block time for blocking stream reads: an {@code XREADGROUP BLOCK 2000}
 * must not be cut off by a 2 s command timeout while it legitimately waits.
 */
final class CommandTimeouts extends TimeoutOptions.TimeoutSource {
    private final long commandNanos;
    private final long blockingNanos;

    CommandTimeouts(Duration commandTimeout, Duration blockTimeout) {
        this.commandNanos = commandTimeout.toNanos();
        this.blockingNanos = commandTimeout.plus(blockTimeout).toNanos();
    }

    @Override
    public long getTimeout(RedisCommand<?, ?, ?> command) {
        ProtocolKeyword type = command.getType();
        return type == CommandType.XREADGROUP || type == CommandType.XREAD ? blockingNanos : commandNanos;
    }

    @Override
    public TimeUnit getTimeUnit() {
        return TimeUnit.NANOSECONDS;
    }
}
