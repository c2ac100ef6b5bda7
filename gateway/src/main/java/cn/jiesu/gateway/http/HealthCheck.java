package cn.jiesu.gateway.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** One dependency's health for {@code GET /health}: Redis, AMI, FastAGI. */
public interface HealthCheck {
    String name();

    /** Completes with {@code {"up": bool, ...details}}; the route bounds it with a timeout. */
    Future<JsonObject> check();
}
