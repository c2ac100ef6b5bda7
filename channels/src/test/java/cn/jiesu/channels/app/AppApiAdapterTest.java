package cn.jiesu.channels.app;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.channels.ApiClient;
import cn.jiesu.channels.ChannelResult;
import cn.jiesu.channels.ChannelResult.Accepted;
import cn.jiesu.channels.ChannelResult.Rejected;
import cn.jiesu.channels.Digests;
import cn.jiesu.channels.Fixtures;
import cn.jiesu.channels.Fixtures.Req;
import cn.jiesu.channels.HttpReply;
import cn.jiesu.channels.ReplayGuard;
import cn.jiesu.channels.RequestSignature;
import cn.jiesu.core.appeal.AppendResult;
import cn.jiesu.core.intake.Channel;
import cn.jiesu.core.intake.ContentType;
import cn.jiesu.core.intake.Crs;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.intake.ReplyMode;
import cn.jiesu.core.intake.RequestType;
import cn.jiesu.core.intake.Urgency;
import cn.jiesu.core.sla.SlaPolicy;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AppApiAdapterTest {
    private static final Clock CLOCK = Fixtures.clockAt("2024-05-30T02:00:05Z");
    private static final String PATH = "/api/v1/appeals";
    private static final String KEY = "k-app-ios-0001";
    private static final String SECRET = "s3cr3t-app-ios-hmac-key";
    private static final String TS = "1717034405";

    private final AppApiAdapter adapter = new AppApiAdapter(
            new AppApiConfig(List.of(new ApiClient("app-ios", KEY, SECRET)), null, 0, null),
            CLOCK,
            Fixtures.ids(CLOCK),
            SlaPolicy.BEIJING,
            Fixtures.classifier(),
            Fixtures.catalog());

    private static Req signed(byte[] body, String ts, String nonce) {
        return Req.post(PATH)
                .header("Content-Type", "application/json")
                .header("X-Api-Key", KEY)
                .header("X-Intake-Timestamp", ts)
                .header("X-Intake-Nonce", nonce)
                .header("X-Intake-Signature", RequestSignature.sign(SECRET, "POST", PATH, ts, nonce, body))
                .body(body);
    }

    private ChannelResult send(String json) {
        return adapter.handle(
                signed(json.getBytes(StandardCharsets.UTF_8), TS, "nonce-0001").build());
    }

    @Test
    @DisplayName("a signed appeal becomes one intake; an emergency in the text sets a 2-hour deadline")
    void create() {
        ChannelResult r = adapter.handle(signed(Fixtures.bytes("app/create.json"), TS, "nonce-0001")
                .header("Idempotency-Key", "c0ffee-0001")
                .build());
        assertThat(r).isInstanceOf(Accepted.class);
        Intake in = ((Accepted) r).intake();
        assertThat(in.channel()).isEqualTo(Channel.APP);
        assertThat(in.dedupeKey()).isEqualTo("APP|app-ios|idem:c0ffee-0001");
        assertThat(in.contentType()).isEqualTo(ContentType.FORM);
        assertThat(in.occurredAt()).isEqualTo(Instant.parse("2024-05-30T01:58:00Z"));
        assertThat(in.title()).isEqualTo("楼道煤气味");
        assertThat(in.urgency()).isEqualTo(Urgency.EMERGENCY);
        assertThat(in.dueAt()).isEqualTo(in.receivedAt().plus(Duration.ofHours(2)));
        assertThat(in.citizen().phone()).isEqualTo("13800138000");
        assertThat(in.citizen().channelUserId()).isEqualTo("app-user-42");
        assertThat(in.callbackRequested()).isTrue();
        assertThat(in.callbackNumber()).isEqualTo("13800138000");
        assertThat(in.replyRoute().mode()).isEqualTo(ReplyMode.CALLBACK);
        assertThat(in.location().crs()).isEqualTo(Crs.GCJ02);
        assertThat(in.attachments()).hasSize(1);
        assertThat(in.signatureVerified()).isTrue();
        assertThat(in.signatureScheme()).isEqualTo("HMAC");
        assertThat(((Accepted) r).raw().headers())
                .containsKey("x-intake-signature")
                .doesNotContainKey("x-api-key");
    }

    @Test
    @DisplayName("the answer is 201 with the appeal number; a retry gets the same status and bytes, marked replayed")
    void ack() {
        Accepted a = (Accepted) send("{\"description\":\"路灯不亮\"}");
        HttpReply first = a.ack().render(new AppendResult("01A", "240530000007", false));
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.bodyText()).isEqualTo("{\"intakeId\":\"01A\",\"appealNo\":\"240530000007\"}");
        assertThat(first.headers()).doesNotContainKey(AppApiAdapter.REPLAYED);
        HttpReply again = a.ack().render(new AppendResult("01A", "240530000007", true));
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.contentType()).isEqualTo(first.contentType());
        assertThat(again.headers()).containsEntry("Idempotent-Replayed", "true");
    }

    @Test
    @DisplayName("every signed request gets a guard: nonce bound to body and key for twice the skew, and the refusals")
    void replayGuard() {
        byte[] body = "{\"description\":\"路灯不亮\"}".getBytes(StandardCharsets.UTF_8);
        Accepted a = (Accepted) adapter.handle(signed(body, TS, "nonce-0001")
                .header("Idempotency-Key", "c0ffee-0002")
                .build());
        ReplayGuard g = a.guard();
        assertThat(g.client()).isEqualTo("app-ios");
        assertThat(g.nonce()).isEqualTo("nonce-0001");
        assertThat(g.binding()).isEqualTo(Digests.sha256Hex(body) + " c0ffee-0002");
        assertThat(g.nonceTtl()).isEqualTo(Duration.ofMinutes(10));
        assertThat(g.nonceReused().status()).isEqualTo(409);
        assertThat(g.nonceReused().code()).isEqualTo("nonce_reused");
        assertThat(new JsonObject(g.nonceReused().reply().bodyText())
                        .getJsonObject("error")
                        .getString("field"))
                .isEqualTo("X-Intake-Nonce");
        assertThat(a.keyReused().status()).isEqualTo(422);
        assertThat(a.keyReused().code()).isEqualTo("idempotency_key_reused");
        assertThat(new JsonObject(a.keyReused().reply().bodyText())
                        .getJsonObject("error")
                        .getString("field"))
                .isEqualTo("Idempotency-Key");
        // Without the key the nonce is still guarded, bound to the body alone: a key added on replay is another
        // binding. No key, no key reuse to check.
        Accepted keylessRequest = (Accepted) send("{\"description\":\"路灯不亮\"}");
        ReplayGuard keyless = keylessRequest.guard();
        assertThat(keyless.binding()).isEqualTo(Digests.sha256Hex(body));
        assertThat(keylessRequest.keyReused()).isNull();
    }

    @Test
    @DisplayName("without Idempotency-Key the signature nonce is the dedupe id, so a replay returns the same appeal")
    void nonceDedupe() {
        Accepted a = (Accepted) send("{\"description\":\"路灯不亮\"}");
        Accepted b = (Accepted) send("{\"description\":\"路灯不亮\"}");
        assertThat(a.intake().dedupeKey()).isEqualTo(b.intake().dedupeKey()).isEqualTo("APP|app-ios|nonce:nonce-0001");
    }

    @Test
    @DisplayName("the service code and the chosen request type are explicit choices and win over keywords")
    void explicitChoice() {
        Intake in = ((Accepted) send("{\"description\":\"我要投诉，停水三天了\",\"requestType\":\"suggestion\"}")).intake();
        assertThat(in.requestType()).isEqualTo(RequestType.SUGGESTION);
        assertThat(in.urgency()).isEqualTo(Urgency.IMMEDIATE);
        Intake svc = ((Accepted) send("{\"description\":\"有人乱搭\",\"serviceCode\":\"0501\"}")).intake();
        assertThat(svc.requestType()).isEqualTo(RequestType.REPORT);
        assertThat(svc.title()).isEqualTo("违法建设");
    }

    @Test
    @DisplayName("the citizen's request type wins over the one the service maps to; the service's urgency stays")
    void citizenTypeOverService() {
        Intake report = ((Accepted)
                        send("{\"description\":\"有人乱搭\",\"serviceCode\":\"0501\"," + "\"requestType\":\"COMPLAINT\"}"))
                .intake();
        assertThat(report.requestType()).isEqualTo(RequestType.COMPLAINT);
        Intake gas = ((Accepted) send("{\"description\":\"想问一下\",\"serviceCode\":\"0101\"," + "\"category\":\"咨询\"}"))
                .intake();
        assertThat(gas.requestType()).isEqualTo(RequestType.CONSULT);
        assertThat(gas.urgency()).isEqualTo(Urgency.EMERGENCY);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "\"requestType\":\"投诉\" | COMPLAINT",
                "\"requestType\":\" Praise \" | PRAISE",
                "\"category\":\"HELP\" | HELP",
                "\"category\":\"举报\" | REPORT",
                "\"category\":\"建议\",\"requestType\":\"SUGGESTION\" | SUGGESTION",
                "\"category\":\"表扬\",\"requestType\":\"表扬\" | PRAISE",
                "\"category\":\"\",\"requestType\":\"求助\" | HELP"
            })
    @DisplayName("category is an alias of requestType; both take the enum or the Chinese name")
    void categoryAlias(String fields, RequestType expected) {
        Intake in = ((Accepted) send("{\"description\":\"停水三天了\"," + fields + "}")).intake();
        assertThat(in.requestType()).isEqualTo(expected);
    }

    @Test
    @DisplayName("X-Intake-Timestamp in epoch milliseconds (13 digits) is accepted within the same window")
    void millisecondTimestamps() {
        byte[] body = "{\"description\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(adapter.handle(signed(body, "1717034405000", "nonce-0001").build()))
                .isInstanceOf(Accepted.class);
        assertThat(adapter.handle(signed(body, "1717034705000", "nonce-0001").build()))
                .isInstanceOf(Accepted.class);
        assertThat(adapter.handle(signed(body, "1717034105000", "nonce-0001").build()))
                .isInstanceOf(Accepted.class);
        assertThat(adapter.handle(signed(body, "1717034705001", "nonce-0001").build()))
                .isInstanceOfSatisfying(
                        Rejected.class, x -> assertThat(x.code()).isEqualTo("stale_timestamp"));
        assertRejected(
                adapter.handle(signed(body, "1717034104999", "nonce-0001").build()), 401, "X-Intake-Timestamp");
        assertThat(adapter.handle(signed(body, "17170344050000", "nonce-0001").build()))
                .isInstanceOfSatisfying(
                        Rejected.class, x -> assertThat(x.code()).isEqualTo("timestamp_invalid"));
        // The signature covers the timestamp as sent: the same instant in seconds does not verify a ms signature.
        assertRejected(
                adapter.handle(signed(body, "1717034405000", "nonce-0001")
                        .header("X-Intake-Timestamp", "1717034405")
                        .build()),
                401,
                "X-Intake-Signature");
    }

    @Test
    @DisplayName("authentication: missing or unknown key, stale timestamp, bad nonce and wrong signature are 401")
    void authentication() {
        byte[] body = "{\"description\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        assertRejected(
                adapter.handle(Req.post(PATH)
                        .header("Content-Type", "application/json")
                        .body(body)
                        .build()),
                401,
                "X-Api-Key");
        assertRejected(
                adapter.handle(signed(body, TS, "nonce-0001")
                        .header("X-Api-Key", "k-unknown-000")
                        .build()),
                401,
                "X-Api-Key");
        assertRejected(adapter.handle(signed(body, "1717034000", "nonce-0001").build()), 401, "X-Intake-Timestamp");
        assertRejected(adapter.handle(signed(body, "1717034706", "nonce-0001").build()), 401, "X-Intake-Timestamp");
        assertThat(adapter.handle(signed(body, "1717034706", "nonce-0001").build()))
                .isInstanceOfSatisfying(
                        Rejected.class, x -> assertThat(x.code()).isEqualTo("stale_timestamp"));
        assertThat(adapter.handle(signed(body, "1717034700", "nonce-0001").build()))
                .isInstanceOf(Accepted.class);
        assertRejected(adapter.handle(signed(body, TS, "short").build()), 401, "X-Intake-Nonce");
        assertRejected(
                adapter.handle(signed(body, TS, "nonce-0001")
                        .body("{\"description\":\"y\"}")
                        .build()),
                401,
                "X-Intake-Signature");
        assertRejected(
                adapter.handle(signed(body, TS, "nonce-0001")
                        .header("X-Intake-Signature", "")
                        .build()),
                401,
                "X-Intake-Signature");
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"description\":\"x\" | 400 | body",
                "[1,2] | 400 | body",
                "{} | 400 | description",
                "{\"description\":42} | 400 | description",
                "{\"description\":\"x\",\"lat\":39.9} | 400 | lon",
                "{\"description\":\"x\",\"lat\":\"north\",\"lon\":1} | 400 | lat",
                "{\"description\":\"x\",\"lat\":99,\"lon\":1} | 400 | lat",
                "{\"description\":\"x\",\"crs\":\"MARS\"} | 400 | crs",
                "{\"description\":\"x\",\"phone\":\"abc\"} | 400 | phone",
                "{\"description\":\"x\",\"callbackRequested\":true} | 400 | phone",
                "{\"description\":\"x\",\"callbackRequested\":\"yes\"} | 400 | callbackRequested",
                "{\"description\":\"x\",\"requestType\":\"RANT\"} | 400 | requestType",
                "{\"description\":\"x\",\"requestType\":7} | 400 | requestType",
                "{\"description\":\"x\",\"category\":\"吐槽\"} | 400 | category",
                "{\"description\":\"x\",\"category\":\"COMPLAINT\",\"requestType\":\"PRAISE\"} | 400 | category",
                "{\"description\":\"x\",\"category\":\"投诉\",\"requestType\":\"表扬\"} | 400 | category",
                "{\"description\":\"x\",\"serviceCode\":\"9999\"} | 400 | serviceCode",
                "{\"description\":\"x\",\"occurredAt\":\"yesterday\"} | 400 | occurredAt",
                "{\"description\":\"x\",\"occurredAt\":\"+999999999-12-31T23:59:59Z\"} | 400 | occurredAt",
                "{\"description\":\"x\",\"occurredAt\":\"-999999999-01-01T00:00:00Z\"} | 400 | occurredAt",
                "{\"description\":\"x\",\"occurredAt\":\"0000-01-01T00:00:00Z\"} | 400 | occurredAt",
                "{\"description\":\"x\",\"occurredAt\":\"+10000-01-01T00:00:00Z\"} | 400 | occurredAt",
                "{\"description\":\"x\",\"email\":\"nope\"} | 400 | email",
                "{\"description\":\"x\",\"media\":{}} | 400 | media",
                "{\"description\":\"x\",\"media\":[{\"kind\":\"IMAGE\"}]} | 400 | media[0].url",
                "{\"description\":\"x\",\"media\":[{\"kind\":\"EXE\",\"url\":\"https://a.b/c\"}]} | 400 | media[0].kind",
                "{\"description\":\"x\",\"media\":[{\"url\":\"javascript:alert(1)\"}]} | 400 | media[0].url"
            })
    @DisplayName("invalid bodies are 400 with a JSON error naming the field")
    void badBodies(String json, int status, String field) {
        assertThat(send(json)).isInstanceOfSatisfying(Rejected.class, r -> {
            assertThat(r.status()).isEqualTo(status);
            assertThat(r.field()).isEqualTo(field);
            assertThat(new JsonObject(r.reply().bodyText())
                            .getJsonObject("error")
                            .getString("field"))
                    .isEqualTo(field);
        });
    }

    @Test
    @DisplayName("over-long description 400, invalid UTF-8 400, wrong content type 415, oversized body 413")
    void limits() {
        assertRejected(
                send(new JsonObject().put("description", "灯".repeat(4001)).encode()), 400, "description");
        byte[] badUtf8 = {'{', '"', 'd', '"', ':', '"', (byte) 0xE6, (byte) 0xA5, '"', '}'};
        assertRejected(adapter.handle(signed(badUtf8, TS, "nonce-0001").build()), 400, "body");
        byte[] body = "{\"description\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        assertRejected(
                adapter.handle(signed(body, TS, "nonce-0001")
                        .header("Content-Type", "text/plain")
                        .build()),
                415,
                "content-type");
        byte[] huge = ("{\"description\":\"" + "x".repeat(300_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        assertRejected(adapter.handle(signed(huge, TS, "nonce-0001").build()), 413, "body");
        byte[] deep = ("[".repeat(5000) + "]".repeat(5000)).getBytes(StandardCharsets.UTF_8);
        assertRejected(adapter.handle(signed(deep, TS, "nonce-0001").build()), 400, "body");
    }

    private static void assertRejected(ChannelResult r, int status, String field) {
        assertThat(r).isInstanceOfSatisfying(Rejected.class, x -> {
            assertThat(x.status()).isEqualTo(status);
            assertThat(x.field()).isEqualTo(field);
        });
    }
}
