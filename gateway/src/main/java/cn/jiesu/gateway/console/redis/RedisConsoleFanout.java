package cn.jiesu.gateway.console.redis;

import cn.jiesu.gateway.console.ConsoleFanout;
import cn.jiesu.gateway.console.ConsoleNotice;
import cn.jiesu.gateway.console.PopState;
import cn.jiesu.redis.RedisClients;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ConsoleFanout} on Redis Pub/Sub: one channel per deployment ({@code <prefix>console:fanout}), JSON
 * messages, published on the shared connection and received on a dedicated subscriber connection (which Lettuce
 * re-subscribes after a reconnect). Pub/Sub keeps nothing: an instance that is disconnected when a notice is
 * published misses it, and its browsers get the pop from the pending set on their next reconnect.
 */
public final class RedisConsoleFanout implements ConsoleFanout {
    private static final Logger LOG = LoggerFactory.getLogger(RedisConsoleFanout.class);

    private final RedisClients clients;
    private final String channel;
    private volatile StatefulRedisPubSubConnection<String, String> subscriber;

    public RedisConsoleFanout(RedisClients clients, ConsoleKeys keys) {
        this.clients = clients;
        this.channel = keys.fanout();
    }

    @Override
    public void publish(ConsoleNotice notice) {
        String message = encode(notice).encode();
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
                    notice = decode(new JsonObject(message));
                } catch (DecodeException | IllegalArgumentException | NullPointerException | ClassCastException e) {
                    LOG.warn("dropping a malformed console notice: {}", e.toString());
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

    static JsonObject encode(ConsoleNotice notice) {
        return switch (notice) {
            case ConsoleNotice.Pop p -> new JsonObject().put("kind", "pop").put("origin", p.origin())
                    .put("ext", p.ext()).put("popId", p.popId()).put("state", p.state().name())
                    .put("body", p.body()).put("at", p.at().toEpochMilli());
            case ConsoleNotice.Frame f -> new JsonObject().put("kind", "frame").put("origin", f.origin())
                    .put("ext", f.ext()).put("frame", f.frame());
        };
    }

    static ConsoleNotice decode(JsonObject j) {
        return switch (j.getString("kind", "")) {
            case "pop" -> new ConsoleNotice.Pop(j.getString("origin"), j.getString("ext"), j.getString("popId"),
                    PopState.valueOf(j.getString("state")), j.getString("body"),
                    Instant.ofEpochMilli(j.getLong("at")));
            case "frame" -> new ConsoleNotice.Frame(j.getString("origin"), j.getString("ext"), j.getString("frame"));
            default -> throw new IllegalArgumentException("unknown kind " + j.getString("kind"));
        };
    }
}
