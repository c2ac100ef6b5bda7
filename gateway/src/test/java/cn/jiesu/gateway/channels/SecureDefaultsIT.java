package cn.jiesu.gateway.channels;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.core.intake.Channel;
import cn.jiesu.core.intake.Citizen;
import cn.jiesu.core.intake.ContentType;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.intake.RequestType;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The shipped state: no case-API token and no admin token configured. Every route the gateway mounts is called
 * without credentials; only the public channels (and the console's sign-in page, /health, /metrics, /openapi.json) may
 * answer, and none of them with a citizen's data.
 */
class SecureDefaultsIT {
    private static final String PHONE = "13912345678";
    private static final String NAME = "李秘密";
    private static final String TEXT = "只有办案系统才能看到的诉求内容";
    /** Paths anyone may reach: the channels verify their own signatures, the rest carry no citizen data. */
    private static final List<String> PUBLIC = List.of(
            "/channels/",
            "/weibo/",
            "/wechat/",
            "/api/v1/appeals",
            "/appeal",
            "/open311/",
            "/health",
            "/metrics",
            "/openapi.json",
            "/console/api/login");

    private static final Set<String> MUST_BE_GUARDED = Set.of(
            "/api/v1/intakes/:id",
            "/api/v1/intakes",
            "/api/v1/intakes/:id/callbacks",
            "/api/v1/intakes/:id/resolution",
            "/api/v1/intakes/:id/triage",
            "/api/v1/intakes/:id/related/:otherId",
            "/api/v1/citizen-bindings",
            "/api/v1/callbacks",
            "/api/v1/rates",
            "/api/v1/rates/ranking",
            "/api/v1/problems",
            "/api/v1/problems/appeals",
            "/api/v1/triage/corrections",
            "/admin/reload-classification",
            "/console/api/dial",
            "/console/api/me",
            "/console/ws");

    @RegisterExtension
    static final ChannelGateway gw = ChannelGateway.perClass(
            Map.of("JIESU_ADMIN_API_TOKEN", "", "JIESU_ADMIN_TOKEN", "", "JIESU_CONSOLE_ENABLED", "true"));

    private static String intakeId;
    private static String appealNo;

    @BeforeAll
    static void seed() {
        Intake in = Intake.builder()
                .intakeId(UUID.randomUUID().toString())
                .channel(Channel.WEB)
                .channelAccount("web")
                .channelMessageId("secure-" + UUID.randomUUID())
                .receivedAt(Instant.now())
                .contentType(ContentType.FORM)
                .content(TEXT)
                .requestType(RequestType.COMPLAINT)
                .citizen(new Citizen("web-user-1", NAME, PHONE, null, null, false))
                .build();
        var appended = gw.store.append(in).toCompletableFuture().join();
        intakeId = appended.intakeId();
        appealNo = appended.appealNo();
    }

    @Test
    @DisplayName("without credentials every mounted route but the public channels answers 401/403, and none leaks")
    void everyRoute() {
        Set<String> guarded = new TreeSet<>();
        List<String> failures = new ArrayList<>();
        for (Route route : gw.gateway.routes()) {
            String pattern = route.getPath();
            if (pattern == null || pattern.equals("/")) {
                continue; // the router-wide handlers (timeout, body) and Open311's regex resources
            }
            Set<HttpMethod> methods = route.methods() == null || route.methods().isEmpty()
                    ? Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.DELETE)
                    : route.methods();
            for (HttpMethod method : methods) {
                String path = concrete(route);
                HttpResponse<Buffer> r = call(method, path);
                String body = r.bodyAsString() == null ? "" : r.bodyAsString();
                String what = method + " " + path + " -> " + r.statusCode() + " " + body;
                if (body.contains(PHONE) || body.contains(NAME) || body.contains(TEXT)) {
                    failures.add("leaks the citizen: " + what);
                }
                if (r.statusCode() >= 500) {
                    failures.add("5xx: " + what);
                }
                if (isPublic(path)) {
                    continue;
                }
                guarded.add(pattern.replaceAll("/$", ""));
                if (r.statusCode() != 401 && r.statusCode() != 403) {
                    failures.add("not refused: " + what);
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(guarded).containsAll(MUST_BE_GUARDED);
    }

    @Test
    @DisplayName("the case API's refusal names Authorization and the variable an operator must set")
    void refusalSaysWhatToSet() {
        for (String path : List.of(
                "/api/v1/intakes/" + intakeId, "/api/v1/intakes/" + appealNo, "/api/v1/intakes?phone=" + PHONE)) {
            HttpResponse<Buffer> r = call(HttpMethod.GET, path);
            assertThat(r.statusCode()).as(path).isEqualTo(401);
            assertThat(r.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
            JsonObject error = r.bodyAsJsonObject();
            assertThat(error.getString("error")).isEqualTo("not_configured");
            assertThat(error.getString("field")).isEqualTo("Authorization");
            assertThat(error.getString("message")).contains("JIESU_ADMIN_API_TOKEN");
        }
        HttpResponse<Buffer> booked = gw.http
                .post(gw.port(), "127.0.0.1", "/api/v1/intakes/" + intakeId + "/callbacks")
                .putHeader("Authorization", "Bearer ")
                .sendJsonObject(new JsonObject()
                        .put("at", Instant.now().plusSeconds(3600).toString())
                        .put("number", "13800000000"))
                .await();
        assertThat(booked.statusCode()).isEqualTo(401);
    }

    private static boolean isPublic(String path) {
        if (path.equals("/console")
                || (path.startsWith("/console/") && !path.startsWith("/console/api/") && !path.equals("/console/ws"))) {
            return true; // the sign-in page and its assets
        }
        return PUBLIC.stream()
                .anyMatch(p -> path.equals(p)
                        || path.startsWith(p.endsWith("/") ? p : p + "/")
                        || (p.endsWith("/") && path.equals(p.substring(0, p.length() - 1))));
    }

    /** The route's pattern with real ids in it, so an open route would find the seeded appeal. */
    private static String concrete(Route route) {
        String path = route.getPath()
                .replace(":otherId", appealNo)
                .replace(":id", intakeId)
                .replaceAll(":[A-Za-z]+", "x1");
        return route.isExactPath() ? path : path + (path.endsWith("/") ? "" : "/") + "probe";
    }

    private static HttpResponse<Buffer> call(HttpMethod method, String path) {
        String query = path.contains("?") ? "&" : "?";
        var request = gw.http.request(
                method,
                gw.port(),
                "127.0.0.1",
                path
                        + (path.startsWith("/api/v1/callbacks") || path.startsWith("/api/v1/rates")
                                ? query + "phone=" + PHONE + "&period=day"
                                : ""));
        if (method == HttpMethod.GET || method == HttpMethod.HEAD) {
            return request.send().await();
        }
        // a body that would book, resolve, bind or dial if the route let it through
        return request.sendJsonObject(new JsonObject()
                        .put("at", Instant.now().plusSeconds(3600).toString())
                        .put("number", "13800000000")
                        .put("resolved", true)
                        .put("handledBy", "x")
                        .put("a", "phone:" + PHONE)
                        .put("b", "WEIBO:1")
                        .put("urgency", "NORMAL"))
                .await();
    }
}
