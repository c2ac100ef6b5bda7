package cn.jiesu.redis;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.core.appeal.AppealStoreException;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisLoadingException;
import java.net.SocketException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StoreFailuresTest {
    private final StoreFailures up = new StoreFailures(() -> true);
    private final StoreFailures down = new StoreFailures(() -> false);

    @Test
    @DisplayName("A command timeout becomes a retriable Timeout with reason 'timeout'")
    void timeout() {
        var e = new CompletionException(new RedisCommandTimeoutException("Command timed out after 2 second(s)"));
        assertThat(up.translate(e)).isInstanceOf(AppealStoreException.Timeout.class);
        assertThat(up.translate(e).retriable()).isTrue();
        assertThat(up.reason(e)).isEqualTo(StoreFailures.TIMEOUT);
    }

    @Test
    @DisplayName("Lettuce refusing commands while disconnected becomes Unavailable with reason 'disconnected'")
    void disconnected() {
        var e = new RedisException("Currently not connected. Commands are rejected.");
        assertThat(down.translate(e)).isInstanceOf(AppealStoreException.Unavailable.class);
        assertThat(down.reason(e)).isEqualTo(StoreFailures.DISCONNECTED);
        assertThat(up.reason(new RedisConnectionException("refused"))).isEqualTo(StoreFailures.DISCONNECTED);
    }

    @Test
    @DisplayName("A connection reset under a command in flight is Unavailable with reason 'disconnected'")
    void connectionReset() {
        var e = new CompletionException(new SocketException("Connection reset"));
        assertThat(up.translate(e)).isInstanceOf(AppealStoreException.Unavailable.class);
        assertThat(up.translate(e).retriable()).isTrue();
        assertThat(up.reason(e)).isEqualTo(StoreFailures.DISCONNECTED);
    }

    @Test
    @DisplayName("Transient server states are Unavailable; other server errors are non-retriable Failed")
    void serverErrors() {
        assertThat(up.translate(new RedisLoadingException("LOADING Redis is loading the dataset in memory")))
                .isInstanceOf(AppealStoreException.Unavailable.class);
        var oom = new RedisCommandExecutionException("OOM command not allowed when used memory > 'maxmemory'.");
        assertThat(up.translate(oom)).isInstanceOf(AppealStoreException.Unavailable.class);
        assertThat(up.translate(new RedisBusyException("BUSY Redis is busy running a script.")))
                .isInstanceOf(AppealStoreException.Unavailable.class);
        AppealStoreException wrongType = up.translate(new RedisCommandExecutionException(
                "WRONGTYPE Operation against a key holding the wrong kind of value"));
        assertThat(wrongType).isInstanceOf(AppealStoreException.Failed.class);
        assertThat(wrongType.retriable()).isFalse();
        assertThat(up.reason(wrongType)).isEqualTo(StoreFailures.OTHER);
    }

    @Test
    @DisplayName("The error code is the first word of the error reply")
    void errorCode() {
        assertThat(StoreFailures.errorCode(new RedisBusyException("BUSYGROUP Consumer Group name already exists")))
                .isEqualTo("BUSYGROUP");
        assertThat(StoreFailures.errorCode(new RedisCommandExecutionException("NOSCRIPT")))
                .isEqualTo("NOSCRIPT");
    }
}
