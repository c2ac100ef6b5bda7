package cn.jiesu.gateway.support;

import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/**
 * The tests' HTTP clients of a gateway. A pooled connection idle 5 s is dropped: the gateway closes a kept-alive
 * connection {@code http.header-timeout} (10 s) after its last response, and a client reusing it at that moment
 * gets "Connection was closed" (seen in CI with the client's 10 s keep-alive, and Vert.x's default is 60 s).
 */
public final class TestClients {
    /** Seconds a pooled connection may idle: well inside the gateway's 10 s between requests. */
    public static final int KEEP_ALIVE_SECONDS = 5;

    private TestClients() {}

    public static WebClientOptions options() {
        return (WebClientOptions) new WebClientOptions().setKeepAliveTimeout(KEEP_ALIVE_SECONDS);
    }

    public static WebClient web(Vertx vertx) {
        return WebClient.create(vertx, options());
    }
}
