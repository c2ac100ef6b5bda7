package cn.jiesu.gateway.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.jiesu.channels.FormData;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Redis goes away under a running gateway (a private redis-server on a free port, killed by the test): every
 * channel answers 503 with Retry-After in its own shape and acknowledges nothing, the form page itself still
 * renders, and appeals are taken again once Redis is back.
 */
class RedisDownIT {
    private static final String PATH = "/api/v1/appeals";
    private static int port;
    private static Path dir;
    private static Process redis;
    private static ChannelGateway gw;

    @BeforeAll
    static void start() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        dir = Files.createTempDirectory("jiesu-redis-down");
        redis = startRedis();
        gw = ChannelGateway.start(
                Map.of("JIESU_REDIS_URI", "redis://127.0.0.1:" + port, "JIESU_REDIS_COMMAND_TIMEOUT", "1s"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (gw != null) {
            gw.close();
        }
        if (redis != null) {
            redis.destroy();
            redis.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static Process startRedis() throws IOException {
        Process p = new ProcessBuilder(
                        "redis-server",
                        "--port",
                        Integer.toString(port),
                        "--bind",
                        "127.0.0.1",
                        "--save",
                        "",
                        "--appendonly",
                        "no",
                        "--dir",
                        dir.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile())
                .start();
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return true;
            }
        });
        return p;
    }

    private HttpResponse<Buffer> app(String text) {
        byte[] body = Signers.utf8(new JsonObject().put("description", text).encode());
        return Signers.signApp(gw.http.post(gw.port(), "127.0.0.1", PATH), PATH, body)
                .sendBuffer(Buffer.buffer(body))
                .await();
    }

    @Test
    @DisplayName("with Redis down every channel answers 503 with Retry-After; back up, appeals are taken again")
    void redisDown() throws Exception {
        assertThat(app("小区门口垃圾桶满了没人清理").statusCode()).isEqualTo(201);
        HttpResponse<Buffer> formPage =
                gw.http.get(gw.port(), "127.0.0.1", "/appeal").send().await();
        Matcher token =
                Pattern.compile("name=\"csrf_token\" value=\"([^\"]+)\"").matcher(formPage.bodyAsString());
        assertThat(token.find()).isTrue();
        String cookie = formPage.cookies().get(0).split(";")[0];

        redis.destroy();
        assertThat(redis.waitFor(10, TimeUnit.SECONDS)).isTrue();

        HttpResponse<Buffer> appDown = app("小区门口垃圾桶满了没人清理，第二次反映");
        assertThat(appDown.statusCode()).isEqualTo(503);
        assertThat(appDown.getHeader("Retry-After")).isEqualTo("5");
        assertThat(appDown.bodyAsJsonObject().getJsonObject("error").getString("code"))
                .isEqualTo("unavailable");

        JsonObject message = new JsonObject()
                .put("type", "text")
                .put("receiver_id", 1902538057L)
                .put("sender_id", 42L)
                .put("created_at", "Thu May 30 10:00:05 +0800 2024")
                .put("text", "路灯不亮")
                .put("data", new JsonObject());
        HttpResponse<Buffer> weiboDown = gw.http
                .post(gw.port(), "127.0.0.1", "/channels/weibo?" + Signers.weiboQuery())
                .putHeader("content-type", "application/json")
                .sendBuffer(Buffer.buffer(message.encode()))
                .await();
        assertThat(weiboDown.statusCode()).isEqualTo(503);
        assertThat(weiboDown.getHeader("Retry-After")).isNotNull();

        HttpResponse<Buffer> open311Down = gw.http
                .post(gw.port(), "127.0.0.1", "/open311/v2/requests.json")
                .putHeader("content-type", "application/x-www-form-urlencoded")
                .sendBuffer(Buffer.buffer(
                        "api_key=" + ChannelGateway.OPEN311_KEY + "&service_code=0301&address_string=x&description=y"))
                .await();
        assertThat(open311Down.statusCode()).isEqualTo(503);
        assertThat(new JsonArray(open311Down.bodyAsString()).getJsonObject(0).getInteger("code"))
                .isEqualTo(503);
        HttpResponse<Buffer> lookupDown = gw.http
                .get(gw.port(), "127.0.0.1", "/open311/v2/requests/261128000001.json")
                .send()
                .await();
        assertThat(lookupDown.statusCode()).isEqualTo(503);
        assertThat(lookupDown.getHeader("Retry-After")).isEqualTo("5");

        HttpResponse<Buffer> webDown = gw.http
                .post(gw.port(), "127.0.0.1", "/appeal")
                .putHeader("content-type", "application/x-www-form-urlencoded")
                .putHeader("cookie", cookie)
                .putHeader("accept", "text/html")
                .sendBuffer(Buffer.buffer("csrf_token=" + FormData.encode(token.group(1))
                        + "&category=0301&description=%E8%B7%AF%E7%81%AF%E4%B8%8D%E4%BA%AE&address=y"))
                .await();
        assertThat(webDown.statusCode()).isEqualTo(503);
        assertThat(webDown.bodyAsString()).contains("系统繁忙");
        assertThat(gw.http.get(gw.port(), "127.0.0.1", "/appeal").send().await().statusCode())
                .isEqualTo(200);
        assertThat(gw.counter("intake.rejected", "channel", "app", "reason", "unavailable"))
                .isEqualTo(1);
        // Readiness says why in a word an operator can act on (a fresh operator saw "Currently", the first word of
        // the client's "Currently not connected").
        HttpResponse<Buffer> readyDown =
                gw.http.get(gw.port(), "127.0.0.1", "/health/ready").send().await();
        assertThat(readyDown.statusCode()).isEqualTo(503);
        JsonObject check = readyDown.bodyAsJsonObject().getJsonObject("checks").getJsonObject("redis");
        assertThat(check.getBoolean("writable")).isFalse();
        assertThat(check.getString("error")).isIn("unavailable", "timeout");

        redis = startRedis();
        await().atMost(Duration.ofSeconds(30)).until(() -> app("恢复后再次提交").statusCode() == 201);
    }
}
