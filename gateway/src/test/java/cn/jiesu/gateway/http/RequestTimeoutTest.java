package cn.jiesu.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.gateway.config.HttpConfig;
import cn.jiesu.gateway.support.TestClients;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The edge's request timeout: its 503 says the request timed out (it blamed "a backing service" when a sign-in flood
 * outlived it), and it does not cut short the requests that bound themselves (console sign-in, admin).
 */
class RequestTimeoutTest {
    private Vertx vertx;
    private WebClient http;
    private int port;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        RouteMount slow = router -> {
            // answers after 600 ms: past the 200 ms edge timeout
            router.route("/slow").handler(ctx -> vertx.setTimer(600, id -> ctx.end("late")));
            router.post("/console/api/login").handler(ctx -> vertx.setTimer(600, id -> ctx.end("signed in")));
        };
        HttpVerticle edge = new HttpVerticle(
                new HttpConfig("127.0.0.1", 0, 65536, Duration.ofMillis(200)),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                List.of(slow));
        vertx.deployVerticle(edge).await();
        port = edge.actualPort();
        http = TestClients.web(vertx);
    }

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    @Test
    @DisplayName("the request timeout is 503 with Retry-After saying it timed out, not that a service is down")
    void timeoutSaysTimedOut() {
        HttpResponse<Buffer> r = http.get(port, "127.0.0.1", "/slow").send().await();

        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.getHeader("Retry-After")).isEqualTo("5");
        assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo("unavailable");
        assertThat(r.bodyAsJsonObject().getString("message"))
                .contains("timed out")
                .doesNotContain("backing");
    }

    @Test
    @DisplayName("console sign-in is not cut short by the edge's request timeout: it bounds itself")
    void signInExempt() {
        for (String path : List.of("/console/api/login", "/console/api/login/")) {
            HttpResponse<Buffer> r = http.post(port, "127.0.0.1", path).send().await();
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(r.bodyAsString()).isEqualTo("signed in");
        }
    }
}
