package cn.jiesu.gateway.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /metrics} in the Prometheus text format. The meters carry no citizen data (tags are low-cardinality by
 * rule) but do tell a stranger how busy the hotline is, which queues exist and how Redis is doing; with
 * {@code metrics.token} set a scrape needs {@code Authorization: Bearer <token>} (Prometheus's {@code authorization}
 * scrape setting) and is otherwise {@code 401}. Without a token the route stays open, as before: a local
 * Prometheus and the test suites scrape it plain. {@code /health} and {@code /health/ready} are never guarded (load
 * balancers probe them without credentials).
 */
public final class MetricsRoute {
    static final String PATH = "/metrics";

    private final PrometheusMeterRegistry registry;
    private final BearerTokens tokens;

    public MetricsRoute(PrometheusMeterRegistry registry, BearerTokens tokens) {
        this.registry = registry;
        this.tokens = tokens;
    }

    public void mount(Router router) {
        router.get(PATH).handler(this::scrape);
    }

    private void scrape(RoutingContext ctx) {
        if (tokens.any() && !tokens.accepts(ctx.request().getHeader("authorization"))) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"metrics\"");
            new ApiError(
                            401,
                            "unauthorized",
                            "a scrape token is required (metrics.token; Authorization: Bearer …)",
                            "Authorization")
                    .send(ctx);
            return;
        }
        ctx.response()
                .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                .end(registry.scrape());
    }
}
