package cn.jiesu.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.jiesu.core.config.ConfigException;
import cn.jiesu.gateway.config.ConfigLoader;
import cn.jiesu.gateway.support.TestClients;
import cn.jiesu.gateway.support.TestServices;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code metrics.token} (JIESU_METRICS_TOKEN): with it set a scrape needs {@code Authorization: Bearer <token>}, any
 * of a comma-separated list; without it {@code /metrics} stays open. The health routes are open either way.
 */
class MetricsTokenIT {
    private static final String OLD = "scrape-token-old-00000001";
    private static final String NEW = "scrape-token-new-00000002";

    private static Gateway start(Map<String, String> extra) {
        Map<String, String> env = TestServices.gatewayEnv();
        env.putAll(extra);
        return Gateway.start(GatewayConfig.from(ConfigLoader.load(null, env)), Clock.systemUTC())
                .await();
    }

    private static HttpResponse<Buffer> get(WebClient http, Gateway gw, String path, String authorization) {
        HttpRequest<Buffer> req = http.get(gw.httpPort(), "127.0.0.1", path);
        if (authorization != null) {
            req.putHeader("Authorization", authorization);
        }
        return req.send().await();
    }

    @Test
    @DisplayName("token set: no or a wrong token is 401 JSON, each listed token 200; /health and /health/ready open")
    void tokenSet() {
        Gateway gw = start(Map.of("JIESU_METRICS_TOKEN", NEW + "," + OLD));
        try {
            WebClient http = TestClients.web(gw.vertx());
            HttpResponse<Buffer> none = get(http, gw, "/metrics", null);
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.getHeader("content-type")).startsWith("application/json");
            assertThat(none.getHeader("WWW-Authenticate")).startsWith("Bearer");
            JsonObject error = none.bodyAsJsonObject();
            assertThat(error.getString("error")).isEqualTo("unauthorized");
            assertThat(error.getString("field")).isEqualTo("Authorization");
            assertThat(none.bodyAsString())
                    .doesNotContain("jvm_")
                    .doesNotContain(NEW)
                    .doesNotContain(OLD);

            for (String wrong : new String[] {
                "Bearer wrong-token-wrong-token",
                "Bearer " + NEW + "x",
                "Bearer " + NEW.substring(1),
                "Basic " + NEW,
                NEW,
                "Bearer "
            }) {
                assertThat(get(http, gw, "/metrics", wrong).statusCode())
                        .as(wrong)
                        .isEqualTo(401);
            }
            for (String token : new String[] {NEW, OLD}) {
                HttpResponse<Buffer> ok = get(http, gw, "/metrics", "Bearer " + token);
                assertThat(ok.statusCode()).isEqualTo(200);
                assertThat(ok.getHeader("content-type")).startsWith("text/plain");
                assertThat(ok.bodyAsString()).contains("jvm_memory_used_bytes");
            }
            assertThat(get(http, gw, "/metrics", "bearer " + NEW).statusCode())
                    .as("scheme is case-insensitive")
                    .isEqualTo(200);
            assertThat(get(http, gw, "/health", null).statusCode()).isEqualTo(200);
            assertThat(get(http, gw, "/health/ready", null).statusCode()).isEqualTo(200);
        } finally {
            gw.stop().join();
        }
    }

    @Test
    @DisplayName("token unset (the shipped default): /metrics is scraped plain")
    void tokenUnset() {
        Gateway gw = start(Map.of());
        try {
            HttpResponse<Buffer> ok = get(TestClients.web(gw.vertx()), gw, "/metrics", null);
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.bodyAsString()).contains("jvm_memory_used_bytes");
        } finally {
            gw.stop().join();
        }
    }

    @Test
    @DisplayName("a token under 16 characters is refused at start, naming metrics.token")
    void shortToken() {
        Map<String, String> env = TestServices.gatewayEnv();
        env.put("JIESU_METRICS_TOKEN", NEW + ",short");
        assertThatThrownBy(() -> GatewayConfig.from(ConfigLoader.load(null, env)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("metrics.token: ")
                .hasMessageNotContaining(NEW);
        env.put("JIESU_METRICS_TOKEN", NEW);
        assertThat(GatewayConfig.from(ConfigLoader.load(null, env)).metrics().tokens())
                .containsExactly(NEW);
    }
}
