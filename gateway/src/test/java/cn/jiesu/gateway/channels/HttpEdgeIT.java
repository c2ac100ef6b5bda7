package cn.jiesu.gateway.channels;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.core.intake.Channel;
import cn.jiesu.core.intake.Citizen;
import cn.jiesu.core.intake.ContentType;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.intake.RequestType;
import cn.jiesu.gateway.support.TestServices;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The HTTP edge before and around the routes: raw paths that would be normalized into another route are refused,
 * HEAD answers wherever GET does, and a 405 says what is allowed. Requests go out through a plain HttpClient, which
 * sends the path exactly as written.
 */
class HttpEdgeIT {
    @RegisterExtension
    static final ChannelGateway gw = ChannelGateway.perClass(Map.of());

    private static HttpClient client;
    private static String intakeId;

    /** Status, headers and body of one raw request. */
    private record Raw(int status, MultiMap headers, String body) {}

    @BeforeAll
    static void setUp() {
        // A connection per request, and never a wait without end: a fresh-clone CI run once hung here for 20 min
        // on a pooled connection's reply (the gateway's event loops idle), so a lost reply now fails in 15 s.
        client = gw.gateway
                .vertx()
                .createHttpClient(new io.vertx.core.http.HttpClientOptions()
                        .setKeepAlive(false)
                        .setIdleTimeout(15)
                        .setIdleTimeoutUnit(java.util.concurrent.TimeUnit.SECONDS));
        Intake in = Intake.builder()
                .intakeId(UUID.randomUUID().toString())
                .channel(Channel.WEB)
                .channelAccount("web")
                .channelMessageId("edge-" + UUID.randomUUID())
                .receivedAt(Instant.now())
                .contentType(ContentType.FORM)
                .content("路灯不亮")
                .requestType(RequestType.COMPLAINT)
                .citizen(new Citizen("web-user-2", "王五", "13712345678", null, null, false))
                .build();
        intakeId = gw.store.append(in).toCompletableFuture().join().intakeId();
    }

    @AfterAll
    static void tearDown() {
        client.close().await();
    }

    private static Raw raw(HttpMethod method, String uri, boolean withToken) {
        return client.request(method, gw.port(), "127.0.0.1", uri)
                .compose(req -> {
                    if (withToken) {
                        req.putHeader("Authorization", "Bearer " + TestServices.API_TOKEN);
                    }
                    return req.send();
                })
                .compose(resp -> resp.body().map(b -> new Raw(resp.statusCode(), resp.headers(), b.toString())))
                .await();
    }

    @Test
    @DisplayName("encoded dot segments, encoded slashes and dot segments are 400 before any route, token or not")
    void dotSegments() {
        assertThat(raw(HttpMethod.GET, "/api/v1/intakes/" + intakeId, true).status())
                .isEqualTo(200);
        for (String uri : List.of(
                "/channels/%2e%2e/api/v1/intakes/" + intakeId,
                "/channels/%2E%2E/api/v1/intakes/" + intakeId,
                "/channels/.%2e/api/v1/intakes/" + intakeId,
                "/channels/../api/v1/intakes/" + intakeId,
                "/channels/weibo/../../api/v1/intakes/" + intakeId,
                "/api/v1/appeals/%2e%2e/intakes/" + intakeId,
                "/channels/..%2fapi/v1/intakes/" + intakeId,
                "/channels/%2fapi/v1/intakes",
                "/appeal/./submitted?no=1",
                "/channels/%5c..%5capi",
                "/open311/v2/requests/%2e%2e.json")) {
            Raw r = raw(HttpMethod.GET, uri, true);
            assertThat(r.status()).as(uri).isEqualTo(400);
            assertThat(new JsonObject(r.body()).getString("field")).as(uri).isEqualTo("path");
            assertThat(r.body()).as(uri).doesNotContain("王五", "13712345678");
        }
    }

    @Test
    @DisplayName("HEAD /appeal answers like GET without a body; a 405 carries Allow")
    void headAndAllow() {
        Raw get = raw(HttpMethod.GET, "/appeal", false);
        Raw head = raw(HttpMethod.HEAD, "/appeal", false);
        assertThat(get.status()).isEqualTo(200);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().get("content-type")).isEqualTo(get.headers().get("content-type"));
        assertThat(raw(HttpMethod.HEAD, "/health", false).status()).isEqualTo(200);
        assertThat(raw(HttpMethod.HEAD, "/appeal/form.css", false).status()).isEqualTo(200);
        assertThat(raw(HttpMethod.HEAD, "/api/v1/intakes/" + intakeId, true).status())
                .isEqualTo(200);

        Raw put = raw(HttpMethod.PUT, "/appeal", false);
        assertThat(put.status()).isEqualTo(405);
        assertThat(put.headers().get("Allow")).isEqualTo("GET, HEAD, POST");
        Raw deleteHealth = raw(HttpMethod.DELETE, "/health", false);
        assertThat(deleteHealth.status()).isEqualTo(405);
        assertThat(deleteHealth.headers().get("Allow")).isEqualTo("GET, HEAD");
        Raw putIntake = raw(HttpMethod.PUT, "/api/v1/intakes/" + intakeId, true);
        assertThat(putIntake.status()).isEqualTo(405);
        assertThat(putIntake.headers().get("Allow")).isEqualTo("GET, HEAD");
    }
}
