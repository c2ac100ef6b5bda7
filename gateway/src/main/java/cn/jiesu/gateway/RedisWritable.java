package cn.jiesu.gateway;

import cn.jiesu.gateway.http.HealthCheck;
import cn.jiesu.redis.RedisMemory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/** Redis's part of {@code /health/ready}: connected and taking writes (a full Redis still answers PING). */
final class RedisWritable implements HealthCheck {
    private final Vertx vertx;
    private final RedisMemory memory;
    private final RedisMemoryGauge gauge;

    RedisWritable(Vertx vertx, RedisMemory memory, RedisMemoryGauge gauge) {
        this.vertx = vertx;
        this.memory = memory;
        this.gauge = gauge;
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public Future<JsonObject> check() {
        return Future.fromCompletionStage(memory.writable(), vertx.getOrCreateContext())
                .map(w -> {
                    JsonObject out = new JsonObject()
                            .put("up", w.ok())
                            .put("writable", w.ok())
                            .put("memoryUsedRatio", gauge.last().ratio());
                    if (!w.ok()) {
                        out.put("error", w.error());
                    }
                    return out;
                });
    }
}
