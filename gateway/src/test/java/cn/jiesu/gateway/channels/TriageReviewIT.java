package cn.jiesu.gateway.channels;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The review desk end to end through a real gateway and Redis: app appeals classified by the shipped rules and model,
 * the ones triage doubts listed for review, an agent's correction applied, exported as a corpus row and counted.
 */
class TriageReviewIT {
    private static final String API_TOKEN = "api-token-for-triage-0001";
    private static final String PATH = "/api/v1/appeals";

    @RegisterExtension
    static final ChannelGateway gw = ChannelGateway.perClass(Map.of("JIESU_ADMIN_API_TOKEN", API_TOKEN));

    private HttpRequest<Buffer> api(io.vertx.core.http.HttpMethod method, String path) {
        return gw.http.request(method, gw.port(), "127.0.0.1", path).putHeader("Authorization", "Bearer " + API_TOKEN);
    }

    private JsonObject appeal(String description) {
        byte[] body = Signers.utf8(new JsonObject()
                .put("description", description)
                .put("phone", "13800138000")
                .encode());
        HttpResponse<Buffer> r = Signers.signApp(gw.http.post(gw.port(), "127.0.0.1", PATH), PATH, body)
                .sendBuffer(Buffer.buffer(body))
                .await();
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
        String id = r.bodyAsJsonObject().getString("intakeId");
        return api(io.vertx.core.http.HttpMethod.GET, "/api/v1/intakes/" + id)
                .send()
                .await()
                .bodyAsJsonObject();
    }

    @Test
    @DisplayName("doubted appeals are listed for review; an agent's decision clears them and becomes a corpus row")
    void reviewAndCorrect() {
        List<JsonObject> appeals = new ArrayList<>();
        for (String text :
                List.of("小区门口井盖缺失，很危险", "楼道里有股怪味，说不上来是什么味", "建议在公园里多放几张长椅", "我家暖气不热，屋里才十四度", "表扬社区网格员小王，帮我奶奶买菜")) {
            appeals.add(appeal(text));
        }
        List<String> doubted = appeals.stream()
                .filter(a -> a.getJsonObject("triage").getBoolean("review"))
                .map(a -> a.getString("intakeId"))
                .toList();
        assertThat(doubted)
                .as("at least one of these texts is one triage asks an agent about")
                .isNotEmpty();
        for (JsonObject a : appeals) {
            JsonObject t = a.getJsonObject("triage");
            assertThat(t.getDouble("confidence")).isBetween(0.0, 1.0);
            assertThat(t.containsKey("reason")).isEqualTo(t.getBoolean("review"));
        }

        assertThat(gw.http
                        .get(gw.port(), "127.0.0.1", "/api/v1/intakes?review=true")
                        .send()
                        .await()
                        .statusCode())
                .isEqualTo(401);
        JsonObject list = api(io.vertx.core.http.HttpMethod.GET, "/api/v1/intakes?review=true")
                .send()
                .await()
                .bodyAsJsonObject();
        List<String> listed = ids(list.getJsonArray("items"));
        assertThat(list.getBoolean("review")).isTrue();
        assertThat(listed).containsAll(doubted);
        // filters combine: the review list of one citizen, and the settled appeals of that citizen
        assertThat(ids(api(io.vertx.core.http.HttpMethod.GET, "/api/v1/intakes?review=true&phone=13900000000")
                        .send()
                        .await()
                        .bodyAsJsonObject()
                        .getJsonArray("items")))
                .isEmpty();
        assertThat(ids(api(io.vertx.core.http.HttpMethod.GET, "/api/v1/intakes?review=false&phone=13800138000")
                        .send()
                        .await()
                        .bodyAsJsonObject()
                        .getJsonArray("items")))
                .doesNotContainAnyElementsOf(doubted);
        assertThat(listed)
                .doesNotContainAnyElementsOf(appeals.stream()
                        .map(a -> a.getString("intakeId"))
                        .filter(id -> !doubted.contains(id))
                        .toList());

        String id = doubted.get(0);
        JsonObject before = appeals.stream()
                .filter(a -> a.getString("intakeId").equals(id))
                .findFirst()
                .orElseThrow();
        HttpResponse<Buffer> decided = api(io.vertx.core.http.HttpMethod.POST, "/api/v1/intakes/" + id + "/triage")
                .putHeader("content-type", "application/json")
                .sendJsonObject(new JsonObject()
                        .put("urgency", "即时")
                        .put("requestType", "HELP")
                        .put("by", "8001"))
                .await();
        assertThat(decided.statusCode()).as(decided.bodyAsString()).isEqualTo(200);
        JsonObject after = decided.bodyAsJsonObject();
        assertThat(after.getString("urgency")).isEqualTo("IMMEDIATE");
        assertThat(after.getString("requestType")).isEqualTo("HELP");
        assertThat(after.getJsonObject("triage").getBoolean("review")).isFalse();
        assertThat(after.getJsonObject("triage").getDouble("confidence")).isEqualTo(1.0);
        assertThat(Instant.parse(after.getString("dueAt")))
                .isEqualTo(Instant.parse(before.getString("receivedAt")).plus(Duration.ofHours(24)));
        assertThat(ids(api(io.vertx.core.http.HttpMethod.GET, "/api/v1/intakes?review=true")
                        .send()
                        .await()
                        .bodyAsJsonObject()
                        .getJsonArray("items")))
                .doesNotContain(id);

        // decided again, by the appeal number as GET reads it: the export teaches the last decision only, kept
        // under the intake id
        String no = before.getString("appealNo");
        assertThat(no).matches("[0-9]{12}");
        assertThat(api(io.vertx.core.http.HttpMethod.POST, "/api/v1/intakes/" + no + "/triage")
                        .sendJsonObject(
                                new JsonObject().put("urgency", "NORMAL").put("by", "8002"))
                        .await()
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<Buffer> export = api(io.vertx.core.http.HttpMethod.GET, "/api/v1/triage/corrections")
                .send()
                .await();
        assertThat(export.getHeader("content-type")).startsWith("text/tab-separated-values");
        assertThat(export.bodyAsString())
                .contains("agent-" + id + "\tagent\tHELP\tNORMAL\t" + before.getString("content"))
                .doesNotContain("\tHELP\tIMMEDIATE\t" + before.getString("content"));

        String metrics =
                gw.http.get(gw.port(), "127.0.0.1", "/metrics").send().await().bodyAsString();
        assertThat(metrics)
                .contains("jiesu_intake_triage_review_total{channel=\"app\"}")
                .containsPattern("jiesu_triage_review_open(\\{[^}]*})? ");
    }

    @Test
    @DisplayName("a decision with a bad tier, on an unknown appeal, or as a form is refused, naming what is wrong")
    void badDecisions() {
        String id = appeal("楼下路灯坏了好几天").getString("intakeId");
        HttpResponse<Buffer> bad = api(io.vertx.core.http.HttpMethod.POST, "/api/v1/intakes/" + id + "/triage")
                .sendJsonObject(new JsonObject().put("urgency", "SEVERE").put("by", "8001"))
                .await();
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.bodyAsJsonObject().getString("field")).isEqualTo("urgency");
        for (JsonObject body : List.of(new JsonObject().put("by", "8001"), new JsonObject())) {
            HttpResponse<Buffer> empty = api(io.vertx.core.http.HttpMethod.POST, "/api/v1/intakes/" + id + "/triage")
                    .sendJsonObject(body)
                    .await();
            assertThat(empty.statusCode()).isEqualTo(400);
            assertThat(empty.bodyAsJsonObject().getString("field")).isEqualTo("urgency");
        }
        HttpResponse<Buffer> anonymous = api(io.vertx.core.http.HttpMethod.POST, "/api/v1/intakes/" + id + "/triage")
                .sendJsonObject(new JsonObject().put("urgency", "NORMAL"))
                .await();
        assertThat(anonymous.statusCode()).isEqualTo(400);
        assertThat(anonymous.bodyAsJsonObject().getString("field")).isEqualTo("by");
        HttpResponse<Buffer> unknown = api(
                        io.vertx.core.http.HttpMethod.POST, "/api/v1/intakes/01NOSUCHINTAKE0000000000000/triage")
                .sendJsonObject(new JsonObject().put("urgency", "NORMAL").put("by", "8001"))
                .await();
        assertThat(unknown.statusCode()).isEqualTo(404);
        HttpResponse<Buffer> form = api(io.vertx.core.http.HttpMethod.POST, "/api/v1/intakes/" + id + "/triage")
                .putHeader("content-type", "application/x-www-form-urlencoded")
                .sendBuffer(Buffer.buffer("urgency=x"))
                .await();
        assertThat(form.statusCode()).isEqualTo(415);
        assertThat(api(io.vertx.core.http.HttpMethod.GET, "/api/v1/intakes?review=maybe")
                        .send()
                        .await()
                        .statusCode())
                .isEqualTo(400);
        assertThat(api(io.vertx.core.http.HttpMethod.GET, "/api/v1/intakes?review=true&review=true")
                        .send()
                        .await()
                        .bodyAsJsonObject()
                        .getString("field"))
                .isEqualTo("review");
        assertThat(api(io.vertx.core.http.HttpMethod.GET, "/api/v1/triage/corrections?format=xml")
                        .send()
                        .await()
                        .bodyAsJsonObject()
                        .getString("field"))
                .isEqualTo("format");
        assertThat(api(io.vertx.core.http.HttpMethod.GET, "/api/v1/triage/corrections?since=yesterday")
                        .send()
                        .await()
                        .bodyAsJsonObject()
                        .getString("field"))
                .isEqualTo("since");
    }

    private static List<String> ids(JsonArray items) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            out.add(items.getJsonObject(i).getString("intakeId"));
        }
        return out;
    }
}
