package cn.jiesu.gateway.channels;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.core.appeal.AppealRecord;
import cn.jiesu.core.intake.Channel;
import cn.jiesu.core.intake.RequestType;
import cn.jiesu.core.intake.Urgency;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The app's JSON API through HTTP: signatures, idempotent retries, the raw payload, every refusal. */
class AppApiIT {
    private static final String PATH = "/api/v1/appeals";
    private static ChannelGateway gw;

    @BeforeAll
    static void start() {
        gw = ChannelGateway.start();
    }

    @AfterAll
    static void stop() {
        if (gw != null) {
            gw.close();
        }
    }

    private HttpResponse<Buffer> signed(byte[] body, String idempotencyKey) {
        var req = Signers.signApp(gw.http.post(gw.port(), "127.0.0.1", PATH), PATH, body);
        if (idempotencyKey != null) {
            req.putHeader("Idempotency-Key", idempotencyKey);
        }
        return req.sendBuffer(Buffer.buffer(body)).await();
    }

    private static String field(HttpResponse<Buffer> r) {
        return r.bodyAsJsonObject().getJsonObject("error").getString("field");
    }

    @Test
    @DisplayName("a signed appeal is 201 with its number; a retry with the same Idempotency-Key is 200, same number")
    void createAndRetry() {
        byte[] body = Signers.utf8(new JsonObject().put("description", "楼道照明灯已损坏一周，夜间老人上下楼不安全。")
                .put("serviceCode", "0301").put("address", "北京市朝阳区望京街道阜通东大街6号院3号楼")
                .put("lat", 39.996542).put("lon", 116.480623).put("phone", "13800138000").put("name", "李明")
                .put("callbackRequested", true).put("userId", "u-" + UUID.randomUUID()).encode());
        String key = UUID.randomUUID().toString();
        HttpResponse<Buffer> first = signed(body, key);
        assertThat(first.statusCode()).isEqualTo(201);
        JsonObject created = first.bodyAsJsonObject();
        assertThat(created.getBoolean("duplicate")).isFalse();
        assertThat(created.getString("appealNo")).matches("[0-9]{12}");

        HttpResponse<Buffer> retry = signed(body, key);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(retry.bodyAsJsonObject().getString("appealNo")).isEqualTo(created.getString("appealNo"));
        assertThat(retry.bodyAsJsonObject().getBoolean("duplicate")).isTrue();

        AppealRecord stored = gw.appeal(created.getString("intakeId")).orElseThrow();
        assertThat(stored.intake().channel()).isEqualTo(Channel.APP);
        assertThat(stored.intake().channelAccount()).isEqualTo("app-test");
        assertThat(stored.intake().callbackRequested()).isTrue();
        assertThat(stored.intake().citizen().phone()).isEqualTo("13800138000");
        var raw = gw.raw(stored.intake().rawRef()).orElseThrow();
        assertThat(raw.body()).isEqualTo(body);
        assertThat(raw.headers()).containsKeys("x-intake-signature", "idempotency-key").doesNotContainKey("x-api-key");
    }

    @Test
    @DisplayName("keywords classify when no category is chosen: 燃气泄漏 is an EMERGENCY with a 2 h deadline")
    void classified() {
        byte[] body = Signers.utf8(new JsonObject().put("description", "楼下闻到很重的煤气味，怀疑燃气泄漏").encode());
        HttpResponse<Buffer> r = signed(body, null);
        assertThat(r.statusCode()).isEqualTo(201);
        AppealRecord stored = gw.appeal(r.bodyAsJsonObject().getString("intakeId")).orElseThrow();
        assertThat(stored.intake().urgency()).isEqualTo(Urgency.EMERGENCY);
        assertThat(stored.intake().requestType()).isNotEqualTo(RequestType.OTHER);
        assertThat(stored.intake().dueAt()).isBefore(stored.intake().receivedAt().plusSeconds(2 * 3600 + 1));
    }

    @Test
    @DisplayName("bad keys and signatures are 401 naming the header; stale timestamps too")
    void authentication() {
        byte[] body = Signers.utf8(new JsonObject().put("description", "噪音扰民").encode());
        HttpResponse<Buffer> noKey = gw.http.post(gw.port(), "127.0.0.1", PATH)
                .putHeader("content-type", "application/json").sendBuffer(Buffer.buffer(body)).await();
        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(field(noKey)).isEqualTo("X-Api-Key");

        long now = System.currentTimeMillis() / 1000;
        HttpResponse<Buffer> wrongSecret = Signers.signApp(gw.http.post(gw.port(), "127.0.0.1", PATH), PATH, body,
                now, "nonce-abcdef01", "not-the-secret-of-this-client").sendBuffer(Buffer.buffer(body)).await();
        assertThat(wrongSecret.statusCode()).isEqualTo(401);
        assertThat(field(wrongSecret)).isEqualTo("X-Intake-Signature");

        HttpResponse<Buffer> stale = Signers.signApp(gw.http.post(gw.port(), "127.0.0.1", PATH), PATH, body,
                now - 3600, "nonce-abcdef02", ChannelGateway.APP_SECRET).sendBuffer(Buffer.buffer(body)).await();
        assertThat(stale.statusCode()).isEqualTo(401);
        assertThat(field(stale)).isEqualTo("X-Intake-Timestamp");

        byte[] other = Signers.utf8(new JsonObject().put("description", "换了内容").encode());
        HttpResponse<Buffer> bodySwapped = Signers.signApp(gw.http.post(gw.port(), "127.0.0.1", PATH), PATH, body,
                now, "nonce-abcdef03", ChannelGateway.APP_SECRET).sendBuffer(Buffer.buffer(other)).await();
        assertThat(bodySwapped.statusCode()).isEqualTo(401);
    }

    @Test
    @DisplayName("malformed bodies are 400 naming the field, 415 for the wrong type, 413 over the limits")
    void badBodies() {
        HttpResponse<Buffer> noDescription = signed(Signers.utf8("{\"title\":\"x\"}"), null);
        assertThat(noDescription.statusCode()).isEqualTo(400);
        assertThat(field(noDescription)).isEqualTo("description");

        HttpResponse<Buffer> wrongType = signed(Signers.utf8("{\"description\":\"x\",\"lat\":\"north\"}"), null);
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(field(wrongType)).isEqualTo("lat");

        HttpResponse<Buffer> badPhone = signed(Signers.utf8("{\"description\":\"x\",\"phone\":\"call me\"}"), null);
        assertThat(field(badPhone)).isEqualTo("phone");

        HttpResponse<Buffer> truncated = signed(Signers.utf8("{\"description\":\"x"), null);
        assertThat(truncated.statusCode()).isEqualTo(400);

        byte[] latin1 = "{\"description\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(signed(latin1, null).statusCode()).isEqualTo(400);

        byte[] json = Signers.utf8("{\"description\":\"x\"}");
        HttpResponse<Buffer> form = Signers.signApp(gw.http.post(gw.port(), "127.0.0.1", PATH), PATH, json)
                .putHeader("content-type", "application/x-www-form-urlencoded").sendBuffer(Buffer.buffer(json))
                .await();
        assertThat(form.statusCode()).isEqualTo(415);

        byte[] big = Signers.utf8("{\"description\":\"" + "长".repeat(3000) + "\"}"); // 9 KB: over the app's 8 KiB
        HttpResponse<Buffer> overApp = signed(big, null);
        assertThat(overApp.statusCode()).isEqualTo(413);
        assertThat(field(overApp)).isEqualTo("body");

        byte[] huge = new byte[100_000]; // over http.body-limit-bytes: refused by the edge, same shape
        HttpResponse<Buffer> overEdge = signed(huge, null);
        assertThat(overEdge.statusCode()).isEqualTo(413);
        assertThat(field(overEdge)).isEqualTo("body");
    }
}
