package cn.jiesu.redis.intake;

import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.RedisConfig;
import cn.jiesu.redis.StreamKeys;
import io.lettuce.core.XTrimArgs;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the intake stream from growing without bound, without ever dropping an entry some group still needs:
 * {@code XTRIM MINID ~} below the oldest entry not yet acknowledged by every group (see {@link TrimPoint}) and
 * below the retention. Appends carry no MAXLEN for that reason. Until a group exists nothing is trimmed.
 *
 * <p>A group created later with an explicit start id below the trim point would miss trimmed entries; groups made
 * through {@link StreamGroups#create} start at 0 and see everything retained. Thread-safe.
 */
public final class StreamTrimmer {
    private static final Logger log = LoggerFactory.getLogger(StreamTrimmer.class);

    private final RedisClients clients;
    private final RedisConfig config;
    private final String stream;
    private final StreamGroups groups;
    private final Clock clock;

    public StreamTrimmer(RedisClients clients, StreamKeys keys, RedisConfig config, Clock clock) {
        this.clients = clients;
        this.config = config;
        this.stream = keys.intakeStream();
        this.groups = new StreamGroups(clients, stream);
        this.clock = clock;
    }

    /** One trim; completes with the number of entries removed (0 when nothing may go). */
    public CompletionStage<Long> trimOnce() {
        return clients.failures().settle(groups.positions().thenCompose(positions -> {
            Optional<StreamId> minId = TrimPoint.minId(positions, clock.instant(), config.streamRetention());
            if (minId.isEmpty()) {
                return CompletableFuture.completedStage(0L);
            }
            XTrimArgs args = XTrimArgs.Builder.minId(minId.get().toString()).approximateTrimming();
            return clients.shared().async().xtrim(stream, args);
        }));
    }

    /**
     * One trim, logged: what the composition root's loop runs every {@code redis.trim-interval}. Waits at most four
     * command timeouts; a failure is logged and the next round tries again.
     */
    public void trimLogged() {
        try {
            long removed =
                    trimOnce().toCompletableFuture().get(config.commandTimeout().toMillis() * 4, TimeUnit.MILLISECONDS);
            if (removed > 0) {
                log.info("intake: trimmed {} entries from {}", removed, stream);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("intake: trimming {} failed: {}", stream, e.getCause() == null ? e : e.getCause());
        }
    }
}
