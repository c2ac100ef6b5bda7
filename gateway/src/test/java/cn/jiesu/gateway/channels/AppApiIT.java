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
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The app's JSON API through HTTP: signatures, idempotent retries, the raw payload, every refusal. */
class AppApiIT {
    private static final String PATH = "/api/v1/appeals";

    @RegisterExtension
    static final ChannelGateway gw = ChannelGateway.perClass(Map.of());

    private HttpResponse<Buffer> signed(byte[] body, String idempotencyKey) {
        return signed(body, System.currentTimeMillis() / 1000, freshNonce(), idempotencyKey);
    }

    /** The exact request a client (or someone who captured it) sends: fixed timestamp and nonce. */
    private HttpResponse<Buffer> signed(byte[] body, long ts, String nonce, String idempotencyKey) {
        var req = Signers.signApp(
                gw.http.post(gw.port(), "127.0.0.1", PATH), PATH, body, ts, nonce, ChannelGateway.APP_SECRET);
        if (idempotencyKey != null) {
            req.putHeader("Idempotency-Key", idempotencyKey);
        }
        return req.sendBuffer(Buffer.buffer(body)).await();
    }

    private static String freshNonce() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static String code(HttpResponse<Buffer> r) {
        return r.bodyAsJsonObject().getJsonObject("error").getString("code");
    }

    private static String field(HttpResponse<Buffer> r) {
        return r.bodyAsJsonObject().getJsonObject("error").getString("field");
    }

    @Test
    @DisplayName("a signed appeal is 201 with its number; a retry with the same Idempotency-Key is the same answer")
    void createAndRetry() {
        byte[] body = Signers.utf8(new JsonObject()
                .put("description", "楼道照明灯已损坏一周，夜间老人上下楼不安全。")
                .put("serviceCode", "0301")
                .put("address", "北京市朝阳区望京街道阜通东大街6号院3号楼")
                .put("lat", 39.996542)
                .put("lon", 116.480623)
                .put("phone", "13800138000")
                .put("name", "李明")
                .put("callbackRequested", true)
                .put("userId", "u-" + UUID.randomUUID())
                .encode());
        String key = UUID.randomUUID().toString();
        HttpResponse<Buffer> first = signed(body, key);
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(first.getHeader("Idempotent-Replayed")).isNull();
        JsonObject created = first.bodyAsJsonObject();
        assertThat(created.fieldNames()).containsExactlyInAnyOrder("intakeId", "appealNo");
        assertThat(created.getString("appealNo")).matches("[0-9]{12}");

        // Re-signed (new timestamp and nonce), same key and body: the first answer again, byte for byte.
        HttpResponse<Buffer> retry = signed(body, key);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.getHeader("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.getHeader("content-type")).isEqualTo(first.getHeader("content-type"));
        assertThat(retry.body().getBytes()).isEqualTo(first.body().getBytes());

        AppealRecord stored = gw.appeal(created.getString("intakeId")).orElseThrow();
        assertThat(stored.intake().channel()).isEqualTo(Channel.APP);
        assertThat(stored.intake().channelAccount()).isEqualTo("app-test");
        assertThat(stored.intake().callbackRequested()).isTrue();
        assertThat(stored.intake().citizen().phone()).isEqualTo("13800138000");
        var raw = gw.raw(stored.intake().rawRef()).orElseThrow();
        assertThat(raw.body()).isEqualTo(body);
        assertThat(raw.headers())
                .containsKeys("x-intake-signature", "idempotency-key")
                .doesNotContainKey("x-api-key");
    }

    @Test
    @DisplayName("the same Idempotency-Key with another body is 422 naming the header, and no appeal is made")
    void keyReused() {
        String key = UUID.randomUUID().toString();
        byte[] body =
                Signers.utf8(new JsonObject().put("description", "小区门口路灯不亮").encode());
        HttpResponse<Buffer> first = signed(body, key);
        assertThat(first.statusCode()).isEqualTo(201);
        int appeals = gw.intakes().size();

        byte[] other =
                Signers.utf8(new JsonObject().put("description", "楼下餐馆油烟扰民").encode());
        HttpResponse<Buffer> reused = signed(other, key);
        assertThat(reused.statusCode()).isEqualTo(422);
        assertThat(field(reused)).isEqualTo("Idempotency-Key");
        assertThat(code(reused)).isEqualTo("idempotency_key_reused");
        assertThat(reused.getHeader("Idempotent-Replayed")).isNull();
        assertThat(gw.intakes()).hasSize(appeals);

        // The key still answers its own request.
        HttpResponse<Buffer> retry = signed(body, key);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.body().getBytes()).isEqualTo(first.body().getBytes());
    }

    @Test
    @DisplayName("a captured request replayed under a new Idempotency-Key is 409 nonce_reused; the same bytes replay")
    void capturedReplay() {
        byte[] body =
                Signers.utf8(new JsonObject().put("description", "阜通东大街路口红绿灯坏了").encode());
        long ts = System.currentTimeMillis() / 1000;
        String nonce = freshNonce();
        String key = UUID.randomUUID().toString();
        HttpResponse<Buffer> first = signed(body, ts, nonce, key);
        assertThat(first.statusCode()).isEqualTo(201);
        int appeals = gw.intakes().size();

        for (int i = 0; i < 3; i++) {
            HttpResponse<Buffer> replay =
                    signed(body, ts, nonce, UUID.randomUUID().toString());
            assertThat(replay.statusCode()).isEqualTo(409);
            assertThat(field(replay)).isEqualTo("X-Intake-Nonce");
            assertThat(code(replay)).isEqualTo("nonce_reused");
        }
        assertThat(gw.intakes()).hasSize(appeals);

        // A genuine retry of the very same signed bytes (same nonce, same key) gets the first appeal.
        HttpResponse<Buffer> retry = signed(body, ts, nonce, key);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.getHeader("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.body().getBytes()).isEqualTo(first.body().getBytes());
        assertThat(gw.intakes()).hasSize(appeals);
    }

    @Test
    @DisplayName("without Idempotency-Key the same signed request (nonce) is the same answer, marked replayed")
    void nonceRetry() {
        byte[] body = Signers.utf8(new JsonObject().put("description", "家里暖气不热").encode());
        long ts = System.currentTimeMillis(); // epoch milliseconds are accepted too
        String nonce = freshNonce();
        HttpResponse<Buffer> first = signed(body, ts, nonce, null);
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(first.getHeader("Idempotent-Replayed")).isNull();
        HttpResponse<Buffer> retry = signed(body, ts, nonce, null);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.getHeader("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.body().getBytes()).isEqualTo(first.body().getBytes());
    }

    @Test
    @DisplayName("a captured keyless request replayed with an Idempotency-Key is 409 naming X-Intake-Nonce")
    void keylessReplayedWithKey() {
        byte[] body =
                Signers.utf8(new JsonObject().put("description", "小区垃圾桶满了没人清").encode());
        long ts = System.currentTimeMillis() / 1000;
        String nonce = freshNonce();
        HttpResponse<Buffer> first = signed(body, ts, nonce, null);
        assertThat(first.statusCode()).isEqualTo(201);
        int appeals = gw.intakes().size();

        HttpResponse<Buffer> keyed = signed(body, ts, nonce, UUID.randomUUID().toString());
        assertThat(keyed.statusCode()).isEqualTo(409);
        assertThat(field(keyed)).isEqualTo("X-Intake-Nonce");
        assertThat(code(keyed)).isEqualTo("nonce_reused");
        assertThat(gw.intakes()).hasSize(appeals);
        // the very same request again is still the first appeal
        HttpResponse<Buffer> retry = signed(body, ts, nonce, null);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.getHeader("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.body().getBytes()).isEqualTo(first.body().getBytes());
    }

    @Test
    @DisplayName("a captured keyed request replayed without its Idempotency-Key is 409 naming X-Intake-Nonce")
    void keyedReplayedWithoutKey() {
        byte[] body =
                Signers.utf8(new JsonObject().put("description", "楼上漏水到我家天花板").encode());
        long ts = System.currentTimeMillis() / 1000;
        String nonce = freshNonce();
        HttpResponse<Buffer> first = signed(body, ts, nonce, UUID.randomUUID().toString());
        assertThat(first.statusCode()).isEqualTo(201);
        int appeals = gw.intakes().size();

        HttpResponse<Buffer> keyless = signed(body, ts, nonce, null);
        assertThat(keyless.statusCode()).isEqualTo(409);
        assertThat(field(keyless)).isEqualTo("X-Intake-Nonce");
        assertThat(keyless.getHeader("Idempotent-Replayed")).isNull();
        assertThat(gw.intakes()).hasSize(appeals);
    }

    @Test
    @DisplayName("a nonce reused with another body is 409, not the first appeal's 201 with the new text dropped")
    void nonceReusedForAnotherBody() {
        long ts = System.currentTimeMillis() / 1000;
        String nonce = freshNonce();
        byte[] body = Signers.utf8(new JsonObject().put("description", "路口井盖缺失").encode());
        HttpResponse<Buffer> first = signed(body, ts, nonce, null);
        assertThat(first.statusCode()).isEqualTo(201);
        int appeals = gw.intakes().size();

        // A client bug (a nonce generator that repeats) or a signing key in the wrong hands: either way, refused.
        byte[] other =
                Signers.utf8(new JsonObject().put("description", "楼下餐馆油烟扰民").encode());
        HttpResponse<Buffer> reused = signed(other, ts, nonce, null);
        assertThat(reused.statusCode()).isEqualTo(409);
        assertThat(field(reused)).isEqualTo("X-Intake-Nonce");
        assertThat(reused.getHeader("Idempotent-Replayed")).isNull();
        assertThat(gw.intakes()).hasSize(appeals);
        HttpResponse<Buffer> reusedKeyed =
                signed(other, ts, nonce, UUID.randomUUID().toString());
        assertThat(reusedKeyed.statusCode()).isEqualTo(409);
        assertThat(gw.intakes()).hasSize(appeals);
    }

    @Test
    @DisplayName("the citizen's category wins over the service's request type and over keywords")
    void citizenCategory() {
        byte[] body = Signers.utf8(new JsonObject()
                .put("description", "我要投诉，有人乱搭建")
                .put("serviceCode", "0501")
                .put("category", "建议")
                .encode());
        HttpResponse<Buffer> r = signed(body, null);
        assertThat(r.statusCode()).isEqualTo(201);
        AppealRecord stored =
                gw.appeal(r.bodyAsJsonObject().getString("intakeId")).orElseThrow();
        assertThat(stored.intake().requestType()).isEqualTo(RequestType.SUGGESTION);
    }

    @Test
    @DisplayName("keywords classify when no category is chosen: 燃气泄漏 is an EMERGENCY with a 2 h deadline")
    void classified() {
        byte[] body = Signers.utf8(
                new JsonObject().put("description", "楼下闻到很重的煤气味，怀疑燃气泄漏").encode());
        HttpResponse<Buffer> r = signed(body, null);
        assertThat(r.statusCode()).isEqualTo(201);
        AppealRecord stored =
                gw.appeal(r.bodyAsJsonObject().getString("intakeId")).orElseThrow();
        assertThat(stored.intake().urgency()).isEqualTo(Urgency.EMERGENCY);
        assertThat(stored.intake().requestType()).isNotEqualTo(RequestType.OTHER);
        assertThat(stored.intake().dueAt())
                .isBefore(stored.intake().receivedAt().plusSeconds(2 * 3600 + 1));
    }

    @Test
    @DisplayName("bad keys and signatures are 401 naming the header; stale timestamps too")
    void authentication() {
        byte[] body = Signers.utf8(new JsonObject().put("description", "噪音扰民").encode());
        HttpResponse<Buffer> noKey = gw.http
                .post(gw.port(), "127.0.0.1", PATH)
                .putHeader("content-type", "application/json")
                .sendBuffer(Buffer.buffer(body))
                .await();
        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(field(noKey)).isEqualTo("X-Api-Key");

        long now = System.currentTimeMillis() / 1000;
        HttpResponse<Buffer> wrongSecret = Signers.signApp(
                        gw.http.post(gw.port(), "127.0.0.1", PATH),
                        PATH,
                        body,
                        now,
                        "nonce-abcdef01",
                        "not-the-secret-of-this-client")
                .sendBuffer(Buffer.buffer(body))
                .await();
        assertThat(wrongSecret.statusCode()).isEqualTo(401);
        assertThat(field(wrongSecret)).isEqualTo("X-Intake-Signature");

        HttpResponse<Buffer> stale = Signers.signApp(
                        gw.http.post(gw.port(), "127.0.0.1", PATH),
                        PATH,
                        body,
                        now - 3600,
                        "nonce-abcdef02",
                        ChannelGateway.APP_SECRET)
                .sendBuffer(Buffer.buffer(body))
                .await();
        assertThat(stale.statusCode()).isEqualTo(401);
        assertThat(field(stale)).isEqualTo("X-Intake-Timestamp");

        HttpResponse<Buffer> staleMillis = Signers.signApp(
                        gw.http.post(gw.port(), "127.0.0.1", PATH),
                        PATH,
                        body,
                        (now - 3600) * 1000,
                        "nonce-abcdef04",
                        ChannelGateway.APP_SECRET)
                .sendBuffer(Buffer.buffer(body))
                .await();
        assertThat(staleMillis.statusCode()).isEqualTo(401);
        assertThat(field(staleMillis)).isEqualTo("X-Intake-Timestamp");

        byte[] other = Signers.utf8(new JsonObject().put("description", "换了内容").encode());
        HttpResponse<Buffer> bodySwapped = Signers.signApp(
                        gw.http.post(gw.port(), "127.0.0.1", PATH),
                        PATH,
                        body,
                        now,
                        "nonce-abcdef03",
                        ChannelGateway.APP_SECRET)
                .sendBuffer(Buffer.buffer(other))
                .await();
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
                .putHeader("content-type", "application/x-www-form-urlencoded")
                .sendBuffer(Buffer.buffer(json))
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
