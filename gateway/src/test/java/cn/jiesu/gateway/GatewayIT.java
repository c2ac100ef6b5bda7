package cn.jiesu.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.core.appeal.AppendResult;
import cn.jiesu.core.intake.Channel;
import cn.jiesu.core.intake.Citizen;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.intake.Urgency;
import cn.jiesu.gateway.config.ConfigLoader;
import cn.jiesu.gateway.support.TestClients;
import cn.jiesu.gateway.support.TestServices;
import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.StreamKeys;
import cn.jiesu.redis.intake.RedisAppealStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The whole gateway, started in-process against the test Redis, seen through HTTP. */
class GatewayIT {
    private static Gateway gateway;
    private static WebClient http;
    private static RedisClients redis;
    private static RedisAppealStore store;

    @BeforeAll
    static void start() {
        Map<String, String> env = TestServices.gatewayEnv();
        GatewayConfig config = GatewayConfig.from(ConfigLoader.load(null, env));
        gateway = Gateway.start(config, Clock.systemUTC()).await();
        http = TestClients.web(gateway.vertx());
        redis = RedisClients.connect(config.redis(), new SimpleMeterRegistry());
        store = new RedisAppealStore(
                redis,
                new StreamKeys(config.redis().keyPrefix()),
                config.redis(),
                new SimpleMeterRegistry(),
                Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        if (redis != null) {
            redis.close();
        }
        if (gateway != null) {
            gateway.stop().join();
        }
    }

    private HttpResponse<Buffer> get(String path) {
        return http.get(gateway.httpPort(), "127.0.0.1", path)
                .putHeader("Authorization", "Bearer " + TestServices.API_TOKEN)
                .send()
                .await();
    }

    @Test
    @DisplayName("the running gateway trims the intake stream once every group has the entries and they are old")
    void trimsTheStream() {
        Map<String, String> env = new java.util.HashMap<>(TestServices.gatewayEnv());
        env.put("JIESU_REDIS_STREAM_RETENTION", "1ms");
        env.put("JIESU_REDIS_TRIM_INTERVAL", "200ms");
        GatewayConfig config = GatewayConfig.from(ConfigLoader.load(null, env));
        Gateway trimming = Gateway.start(config, Clock.systemUTC()).await();
        try (RedisClients own = RedisClients.connect(config.redis(), new SimpleMeterRegistry())) {
            RedisAppealStore appeals = new RedisAppealStore(
                    own,
                    new StreamKeys(config.redis().keyPrefix()),
                    config.redis(),
                    new SimpleMeterRegistry(),
                    Clock.systemUTC());
            String stream = new StreamKeys(config.redis().keyPrefix()).intakeStream();
            for (int i = 0; i < 300; i++) {
                appeals.append(Intake.builder()
                                .intakeId(UUID.randomUUID().toString())
                                .channel(Channel.WEB)
                                .channelAccount("web")
                                .channelMessageId(UUID.randomUUID().toString())
                                .receivedAt(Instant.now())
                                .content("路灯不亮 " + i)
                                .urgency(Urgency.NORMAL)
                                .build())
                        .toCompletableFuture()
                        .join();
            }
            // XTRIM MINID ~ removes whole radix-tree nodes (100 entries each): most of the 300 go once both groups
            // (merge, callbacks) have acknowledged them.
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> own.shared().sync().xlen(stream) < 150);
        } finally {
            trimming.stop().join();
        }
    }

    @Test
    @DisplayName("/health reports Redis up with a ping time")
    void health() {
        HttpResponse<Buffer> r = get("/health");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonObject body = r.bodyAsJsonObject();
        assertThat(body.getString("status")).isEqualTo("UP");
        assertThat(body.getJsonObject("checks").getJsonObject("redis").getBoolean("up"))
                .isTrue();
    }

    @Test
    @DisplayName("an appended appeal is found by id, by appeal number and by phone, and counted in /metrics")
    void lookups() {
        String phone = "139" + (10_000_000 + (int) (Math.random() * 89_999_999));
        Intake intake = Intake.builder()
                .intakeId(UUID.randomUUID().toString())
                .channel(Channel.WEB)
                .channelAccount("web")
                .channelMessageId(UUID.randomUUID().toString())
                .receivedAt(Instant.now())
                .content("小区门口路灯不亮了，晚上很黑。")
                .urgency(Urgency.NORMAL)
                .citizen(new Citizen(null, "王芳", "+86 " + phone, null, null, false))
                .build();
        AppendResult appended = store.append(intake).toCompletableFuture().join();

        HttpResponse<Buffer> byId = get("/api/v1/intakes/" + appended.intakeId());
        assertThat(byId.statusCode()).isEqualTo(200);
        assertThat(byId.bodyAsJsonObject().getString("content")).isEqualTo("小区门口路灯不亮了，晚上很黑。");
        assertThat(byId.bodyAsJsonObject().getString("status")).isEqualTo("RECEIVED");
        assertThat(byId.bodyAsJsonObject().getString("appealNo")).isEqualTo(appended.appealNo());

        HttpResponse<Buffer> byNo = get("/api/v1/intakes/" + appended.appealNo());
        assertThat(byNo.bodyAsJsonObject().getString("intakeId")).isEqualTo(appended.intakeId());

        HttpResponse<Buffer> byPhone = get("/api/v1/intakes?phone=" + phone);
        assertThat(byPhone.statusCode()).isEqualTo(200);
        assertThat(byPhone.bodyAsJsonObject()
                        .getJsonArray("items")
                        .getJsonObject(0)
                        .getString("intakeId"))
                .isEqualTo(appended.intakeId());

        String metrics = get("/metrics").bodyAsString();
        assertThat(metrics).contains("jiesu_redis_connection_up").contains("jvm_memory_used_bytes");
    }

    @Test
    @DisplayName("errors are JSON with the right status: unknown id 404, bad phone 400, unknown route 404")
    void errors() {
        HttpResponse<Buffer> missing = get("/api/v1/intakes/01JDZ0000000000000000000ZZ");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.bodyAsJsonObject().getString("error")).isEqualTo("not_found");

        HttpResponse<Buffer> badPhone = get("/api/v1/intakes?phone=abc");
        assertThat(badPhone.statusCode()).isEqualTo(400);
        assertThat(badPhone.bodyAsJsonObject().getString("field")).isEqualTo("phone");

        HttpResponse<Buffer> noPhone = get("/api/v1/intakes");
        assertThat(noPhone.statusCode()).isEqualTo(400);

        HttpResponse<Buffer> badLimit = get("/api/v1/intakes?phone=13800138000&limit=100000");
        assertThat(badLimit.statusCode()).isEqualTo(400);
        assertThat(badLimit.bodyAsJsonObject().getString("field")).isEqualTo("limit");

        HttpResponse<Buffer> unknown = get("/no/such/route");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.getHeader("content-type")).startsWith("application/json");
        assertThat(unknown.bodyAsJsonObject().getString("error")).isEqualTo("not_found");
    }
}
