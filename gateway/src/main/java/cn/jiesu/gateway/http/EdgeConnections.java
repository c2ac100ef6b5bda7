package cn.jiesu.gateway.http;

import cn.jiesu.gateway.config.HttpConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What slow and numerous clients may cost the HTTP server: at most {@code http.max-connections} open at once (more
 * are closed as they arrive, counted in {@code http.connections.refused}), each with a {@link SlowClientGuard}.
 * Vert.x 5 has no header or body timeout and no connection cap of its own, so the guard goes into each connection's
 * Netty pipeline from the server's connection handler, which runs before the connection's first request is decoded.
 * Thread-safe: connections arrive on every event loop.
 */
final class EdgeConnections {
    private static final Logger LOG = LoggerFactory.getLogger(EdgeConnections.class);
    /** The name Vert.x gives its own handler, the last one of an HTTP/1 pipeline. */
    private static final String VERTX_HANDLER = "handler";

    private final HttpConfig config;
    private final ClientMistakeLog mistakes;
    private final AtomicInteger open = new AtomicInteger();
    private final Counter refused;

    EdgeConnections(HttpConfig config, MeterRegistry registry, Clock clock) {
        this.config = config;
        this.mistakes = new ClientMistakeLog(LOG, clock, Duration.ofSeconds(10));
        this.refused = Counter.builder("http.connections.refused")
                .description("connections closed on arrival because http.max-connections were open")
                .register(registry);
        Gauge.builder("http.connections.open", open, AtomicInteger::get)
                .description("HTTP connections open now (the cap is http.max-connections)")
                .strongReference(true)
                .register(registry);
    }

    void attach(HttpConnection connection) {
        if (!(connection instanceof ConnectionBase base)) {
            return;
        }
        Channel channel = base.channel();
        if (open.incrementAndGet() > config.maxConnections()) {
            open.decrementAndGet();
            refused.increment();
            mistakes.warn("connection-cap", config.maxConnections() + " connections open; one more closed");
            channel.close();
            return;
        }
        channel.closeFuture().addListener(f -> open.decrementAndGet());
        ChannelPipeline pipeline = channel.pipeline();
        if (pipeline.get(VERTX_HANDLER) != null) {
            pipeline.addBefore(
                    VERTX_HANDLER,
                    "jiesu-slow-client-guard",
                    new SlowClientGuard(config.headerTimeout(), config.bodyTimeout(), mistakes));
        }
    }

    int open() {
        return open.get();
    }
}
