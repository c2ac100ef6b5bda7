package cn.jiesu.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.jiesu.core.console.PasswordHasher;
import cn.jiesu.core.intake.Channel;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.intake.Urgency;
import cn.jiesu.gateway.config.ConfigLoader;
import cn.jiesu.gateway.console.WallboardMeters;
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
import java.lang.reflect.RecordComponent;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every meter name in {@code console.wallboard} against a gateway started on the test Redis alone (no Asterisk: the
 * call tracker registers its meters either way), so a tile reading a name the gateway does not register fails here
 * rather than showing "暂无" on the wall. Every component of {@link WallboardMeters} is checked, a new one included.
 */
class WallboardMetersIT {
    private Gateway gateway;
    private RedisClients redis;

    @AfterEach
    void stop() {
        if (redis != null) {
            redis.close();
        }
        if (gateway != null) {
            gateway.stop().join();
        }
    }

    @Test
    @DisplayName("every configured wallboard meter is registered by a running gateway, and every tile has a value")
    void everyWallboardMeterIsRegistered() throws Exception {
        Map<String, String> env = TestServices.gatewayEnv();
        // The shared gauges (pending callbacks, at risk, 三率) refresh on this interval: seconds, not minutes.
        env.put("JIESU_CALLBACKS_RISK_INTERVAL", "1s");
        env.put("JIESU_CONSOLE_WALLBOARD_INTERVAL", "500ms");
        GatewayConfig config = GatewayConfig.from(ConfigLoader.load(null, env));
        gateway = Gateway.start(config, Clock.systemUTC()).await();
        redis = RedisClients.connect(config.redis(), new SimpleMeterRegistry());
        String resolved = appealResolvedToday(config);
        assertThat(resolved).isNotNull();

        WallboardMeters m = config.console().meters();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (RecordComponent c : WallboardMeters.class.getRecordComponents()) {
                String name = (String) c.getAccessor().invoke(m);
                String what = "console.wallboard " + c.getName() + " = " + name;
                switch (c.getName()) {
                    // A prefix: the 三率 gauges, registered once a rate has a denominator (the resolution above).
                    case "rates" -> {
                        for (String period : new String[] {"day", "month"}) {
                            assertThat(gateway.registry()
                                            .find(name + ".resolution")
                                            .tag("period", period)
                                            .gauge())
                                    .as(what + " (resolution, " + period + ")")
                                    .isNotNull();
                        }
                    }
                    // Not a meter: a queue tag value, which the queue gauges must carry.
                    case "emergencyQueue" ->
                        assertThat(gateway.registry()
                                        .find(m.queueWaiting())
                                        .tag("queue", name)
                                        .gauges())
                                .as(what)
                                .isNotEmpty();
                    default ->
                        assertThat(gateway.registry().find(name).meters())
                                .as(what)
                                .isNotEmpty();
                }
            }
        });

        String cookie = supervisorCookie(config);
        WebClient http = TestClients.web(gateway.vertx());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonObject board = http.get(gateway.httpPort(), "127.0.0.1", "/console/api/wallboard")
                    .putHeader("Cookie", cookie)
                    .send()
                    .await()
                    .bodyAsJsonObject();
            for (String tile : new String[] {
                "callsInIvr",
                "queues",
                "longestWaitS",
                "callbacksDue",
                "callbacksAtRisk",
                "triageReview",
                "appealsByChannel",
                "appealsByTier",
                "rates",
                "ratesMonth",
                "queueToday",
                "queueAgents"
            }) {
                assertThat(board.getValue(tile)).as("wallboard tile " + tile).isNotNull();
            }
            assertThat(board.getJsonObject("queueAgents").getMap())
                    .containsKeys("on_call", "paused", "ready", "wrap_up");
            assertThat(board.getJsonArray("queues").stream()
                            .map(JsonObject.class::cast)
                            .filter(q -> q.getBoolean("emergency"))
                            .map(q -> q.getString("queue")))
                    .containsExactly(m.emergencyQueue());
            assertThat(board.getJsonObject("rates").getDouble("resolution")).isEqualTo(1.0);
            assertThat(board.getJsonObject("ratesMonth").getDouble("resolution"))
                    .isEqualTo(1.0);
        });
    }

    /** An appeal without a phone number, resolved (no survey call): 解决率 today and this month have a value. */
    private String appealResolvedToday(GatewayConfig config) {
        String prefix = config.redis().keyPrefix();
        RedisAppealStore store = new RedisAppealStore(
                redis, new StreamKeys(prefix), config.redis(), new SimpleMeterRegistry(), Clock.systemUTC());
        String id = UUID.randomUUID().toString();
        store.append(Intake.builder()
                        .intakeId(id)
                        .channel(Channel.WEB)
                        .channelAccount("wallboard")
                        .channelMessageId("wallboard-" + id)
                        .receivedAt(Clock.systemUTC().instant())
                        .content("小区路灯不亮")
                        .urgency(Urgency.NORMAL)
                        .build())
                .toCompletableFuture()
                .join();
        WebClient http = TestClients.web(gateway.vertx());
        HttpResponse<Buffer> r = http.post(gateway.httpPort(), "127.0.0.1", "/api/v1/intakes/" + id + "/resolution")
                .putHeader("Authorization", "Bearer " + TestServices.API_TOKEN)
                .sendJsonObject(new JsonObject().put("handledBy", "望京街道").put("resolved", true))
                .await();
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
        return id;
    }

    private String supervisorCookie(GatewayConfig config) {
        String hash =
                new PasswordHasher(new SecureRandom()).hash("secret-8100".toCharArray(), PasswordHasher.MIN_ITERATIONS);
        redis.shared()
                .sync()
                .hset(
                        config.redis().keyPrefix() + "console:account:8100",
                        Map.of("name", "张主管", "role", "supervisor", "password-hash", hash));
        HttpResponse<Buffer> r = TestClients.web(gateway.vertx())
                .post(gateway.httpPort(), "127.0.0.1", "/console/api/login")
                .sendJsonObject(new JsonObject().put("ext", "8100").put("password", "secret-8100"))
                .await();
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
        String setCookie = r.cookies().get(0);
        return setCookie.substring(0, setCookie.indexOf(';'));
    }
}
