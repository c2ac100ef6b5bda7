package cn.jiesu.gateway.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Gauge;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * {@code /health/live}, {@code /health/ready} and the memory gauges against the real Redis (issue 12: with Redis full every channel
 * answered 503 while {@code /health} said UP).
 */
@Isolated("sets maxmemory on the shared Redis")
class ReadinessIT {
    @RegisterExtension
    static final ChannelGateway gw = ChannelGateway.perClass(Map.of());

    private HttpResponse<Buffer> get(String path) {
        return gw.http.get(gw.port(), "127.0.0.1", path).send().await();
    }

    @Test
    @DisplayName("ready while Redis takes writes; 503 naming OOM once it is full, while /health stays UP; ready again")
    void readyFollowsWrites() {
        HttpResponse<Buffer> ready = get("/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.bodyAsJsonObject().getString("status")).isEqualTo("READY");

        String before = gw.redis.shared().sync().configGet("maxmemory").get("maxmemory");
        try {
            gw.redis.shared().sync().configSet("maxmemory", "1");
            HttpResponse<Buffer> full = get("/health/ready");
            assertThat(full.statusCode()).isEqualTo(503);
            assertThat(full.getHeader("Retry-After")).isNotNull();
            JsonObject redis = full.bodyAsJsonObject().getJsonObject("checks").getJsonObject("redis");
            assertThat(redis.getBoolean("writable")).isFalse();
            assertThat(redis.getString("error")).isEqualTo("OOM");
            assertThat(get("/health").statusCode()).isEqualTo(200); // alive: PING answers, nothing to restart
            HttpResponse<Buffer> live = get("/health/live");
            assertThat(live.statusCode())
                    .as("/health/live while Redis refuses writes")
                    .isEqualTo(200);
            assertThat(live.bodyAsJsonObject().getString("status")).isEqualTo("LIVE");
        } finally {
            gw.redis.shared().sync().configSet("maxmemory", before);
        }
        assertThat(get("/health/ready").statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("/health/live answers 200 without credentials, with no token and a wrong one alike")
    void liveIsNeverGuarded() {
        HttpResponse<Buffer> plain = get("/health/live");
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.getHeader("content-type")).startsWith("application/json");
        HttpResponse<Buffer> wrongToken = gw.http
                .get(gw.port(), "127.0.0.1", "/health/live")
                .putHeader("Authorization", "Bearer not-a-token-of-this-gateway")
                .send()
                .await();
        assertThat(wrongToken.statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("redis.memory.used/max/used.ratio read the shipped maxmemory, well below the alarm")
    void memoryGauges() {
        Gauge max = gw.gateway.registry().find("redis.memory.max").gauge();
        Gauge ratio = gw.gateway.registry().find("redis.memory.used.ratio").gauge();
        await().atMost(Duration.ofSeconds(10)).until(() -> max.value() > 0);
        assertThat(max.value()).isGreaterThanOrEqualTo(1L << 30); // config/redis/redis.conf: 2gb
        assertThat(ratio.value()).isGreaterThan(0).isLessThan(0.8);
        assertThat(gw.gateway.registry().find("redis.memory.used").gauge().value())
                .isPositive();
    }
}
