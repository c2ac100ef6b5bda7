package cn.jiesu.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandType;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CommandTimeoutsTest {
    private final CommandTimeouts timeouts = new CommandTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5));

    @Test
    @DisplayName("Ordinary commands get the command timeout; blocking stream reads get the block time on top")
    void perCommand() {
        assertThat(nanos(CommandType.EVALSHA)).isEqualTo(TimeUnit.SECONDS.toNanos(2));
        assertThat(nanos(CommandType.XADD)).isEqualTo(TimeUnit.SECONDS.toNanos(2));
        assertThat(nanos(CommandType.XREADGROUP)).isEqualTo(TimeUnit.SECONDS.toNanos(7));
    }

    private long nanos(CommandType type) {
        return timeouts.getTimeUnit()
                .toNanos(timeouts.getTimeout(new Command<>(type, new StatusOutput<>(StringCodec.UTF8))));
    }
}
