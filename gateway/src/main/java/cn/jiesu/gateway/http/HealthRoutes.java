package cn.jiesu.gateway.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code GET /health}: 200 when every dependency is up, 503 otherwise, with each one's details. */
public final class HealthRoutes {
    private final List<HealthCheck> checks;
    private final Duration timeout;

    public HealthRoutes(List<HealthCheck> checks, Duration timeout) {
        this.checks = List.copyOf(checks);
        this.timeout = timeout;
    }

    public void mount(Router router) {
        router.get("/health").handler(this::health);
    }

    private void health(RoutingContext ctx) {
        List<Future<JsonObject>> results = checks.stream()
                .map(c -> c.check()
                        .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                        .recover(e -> Future.succeededFuture(new JsonObject().put("up", false)
                                .put("error", e.getClass().getSimpleName()))))
                .toList();
        Future.join(results).onComplete(ignored -> {
            JsonObject body = new JsonObject();
            JsonObject details = new JsonObject();
            boolean up = true;
            for (int i = 0; i < checks.size(); i++) {
                JsonObject r = results.get(i).result();
                details.put(checks.get(i).name(), r);
                up &= r.getBoolean("up", false);
            }
            body.put("status", up ? "UP" : "DOWN").put("checks", details);
            ctx.response().setStatusCode(up ? 200 : 503)
                    .putHeader("content-type", "application/json; charset=utf-8").end(body.encode());
        });
    }
}
