package cn.jiesu.gateway;

import cn.jiesu.gateway.http.HealthCheck;
import cn.jiesu.redis.RedisClients;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/** Redis's part of {@code /health}: connected, and a PING round trip. */
final class RedisHealth implements HealthCheck {
    private final Vertx vertx;
    private final RedisClients redis;

    RedisHealth(Vertx vertx, RedisClients redis) {
        this.vertx = vertx;
        this.redis = redis;
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public Future<JsonObject> check() {
        if (!redis.isConnected()) {
            return Future.succeededFuture(new JsonObject().put("up", false).put("state", "disconnected"));
        }
        return Future.fromCompletionStage(redis.ping(), vertx.getOrCreateContext())
                .map(rtt -> new JsonObject()
                        .put("up", true)
                        .put("state", "connected")
                        .put("pingMillis", rtt.toNanos() / 1e6));
    }
}
