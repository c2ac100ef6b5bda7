package cn.jiesu.redis.console;

import cn.jiesu.core.console.ConsoleFanout;
import cn.jiesu.core.console.ConsoleNotice;
import cn.jiesu.core.console.ConsoleNoticeCodec;
import cn.jiesu.redis.RedisClients;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ConsoleFanout} on Redis Pub/Sub: one channel per deployment ({@code <prefix>console:fanout}), messages in
 * the given {@link ConsoleNoticeCodec} (JSON from the gateway), published on the shared connection and received on
 * a dedicated subscriber connection (which Lettuce re-subscribes after a reconnect). Pub/Sub keeps nothing: an
 * instance that is disconnected when a notice is published misses it, and its browsers get the pop from the
 * pending set on their next reconnect.
 */
public final class RedisConsoleFanout implements ConsoleFanout {
    private static final Logger LOG = LoggerFactory.getLogger(RedisConsoleFanout.class);

    private final RedisClients clients;
    private final String channel;
    private final ConsoleNoticeCodec codec;
    private volatile StatefulRedisPubSubConnection<String, String> subscriber;

    public RedisConsoleFanout(RedisClients clients, ConsoleKeys keys, ConsoleNoticeCodec codec) {
        this.clients = clients;
        this.channel = keys.fanout();
        this.codec = codec;
    }

    @Override
    public void publish(ConsoleNotice notice) {
        String message = codec.encode(notice);
        CompletionStage<Long> sent;
        try {
            sent = clients.failures().settle(clients.shared().async().publish(channel, message));
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedStage(e);
        }
        sent.whenComplete((receivers, e) -> {
            if (e != null) {
                // The pop is in the store either way; the agent's browser gets it on reconnect.
                LOG.warn("console notice for agent {} not fanned out: {}", notice.ext(), e.toString());
            }
        });
    }

    @Override
    public CompletionStage<Void> subscribe(Consumer<ConsoleNotice> listener) {
        StatefulRedisPubSubConnection<String, String> c;
        try {
            c = clients.pubSub();
        } catch (RuntimeException e) {
            return CompletableFuture.failedStage(e);
        }
        subscriber = c;
        c.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String from, String message) {
                ConsoleNotice notice;
                try {
                    notice = codec.decode(message);
                } catch (IllegalArgumentException e) {
                    LOG.warn("dropping a malformed console notice: {}", e.getMessage());
                    return;
                }
                listener.accept(notice);
            }
        });
        return clients.failures().settle(c.async().subscribe(channel)).thenApply(v -> null);
    }

    @Override
    public void close() {
        StatefulRedisPubSubConnection<String, String> c = subscriber;
        subscriber = null;
        if (c != null) {
            clients.release(c);
        }
    }
}
