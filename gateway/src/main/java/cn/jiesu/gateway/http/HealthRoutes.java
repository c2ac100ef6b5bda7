package cn.jiesu.gateway.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /health}: 200 when every dependency is up, 503 otherwise, with each one's details (liveness: the
 * dependencies answer). {@code GET /health/ready}: 200 when the gateway can take appeals now, i.e. Redis takes
 * writes, 503 with Retry-After otherwise (a load balancer sends channels elsewhere). {@code GET /health/live}: 200
 * while the HTTP edge runs, whatever the dependencies say: a container's restart policy must not restart a gateway
 * whose Redis or Asterisk is down (a restart would not bring them back, and would drop the calls in its IVR).
 */
public final class HealthRoutes {
    private final List<HealthCheck> checks;
    private final List<HealthCheck> readiness;
    private final Duration timeout;

    public HealthRoutes(List<HealthCheck> checks, List<HealthCheck> readiness, Duration timeout) {
        this.checks = List.copyOf(checks);
        this.readiness = List.copyOf(readiness);
        this.timeout = timeout;
    }

    public void mount(Router router) {
        router.get("/health").handler(ctx -> report(ctx, checks, "UP", "DOWN"));
        router.get("/health/ready").handler(ctx -> report(ctx, readiness, "READY", "NOT_READY"));
        router.get("/health/live")
                .handler(ctx -> ctx.response()
                        .putHeader("content-type", "application/json; charset=utf-8")
                        .end(new JsonObject().put("status", "LIVE").encode()));
    }

    private void report(RoutingContext ctx, List<HealthCheck> checks, String upWord, String downWord) {
        List<Future<JsonObject>> results = checks.stream()
                .map(c -> c.check()
                        .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                        .recover(e -> Future.succeededFuture(new JsonObject()
                                .put("up", false)
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
            body.put("status", up ? upWord : downWord).put("checks", details);
            if (!up) {
                ctx.response().putHeader("Retry-After", "5");
            }
            ctx.response()
                    .setStatusCode(up ? 200 : 503)
                    .putHeader("content-type", "application/json; charset=utf-8")
                    .end(body.encode());
        });
    }
}
