package cn.jiesu.gateway.channels;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.channels.Digests;
import cn.jiesu.core.intake.Channel;
import cn.jiesu.core.intake.ContentType;
import cn.jiesu.core.intake.Crs;
import cn.jiesu.core.intake.Intake;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Weibo fan-service push through HTTP: URL verification, signatures, every message type, retries. */
class WeiboIT {
    private static final AtomicLong SENDER = new AtomicLong(2489518277L + (long) (Math.random() * 1e6));
    /** The spec's fixture query, signed at 1717034405123 (2024-05-30T02:00:05.123Z). */
    private static final String FIXTURE_QUERY =
            "signature=4042b88b1feb9b468d86bc3a1f3d6a330dd89a01" + "&timestamp=1717034405123&nonce=482913507";

    @RegisterExtension
    static final ChannelGateway gw = ChannelGateway.perClass(Map.of());
    /** The same gateway as shipped, whose clock runs from the spec's fixture time: the window is always on. */
    @RegisterExtension
    static final ChannelGateway in2024 =
            ChannelGateway.perClass(Map.of(), ChannelGateway.runningFrom(Instant.ofEpochMilli(1717034405123L + 2_000)));

    private HttpResponse<Buffer> get(String query) {
        return gw.http
                .get(gw.port(), "127.0.0.1", "/channels/weibo?" + query)
                .send()
                .await();
    }

    private HttpResponse<Buffer> push(String query, String contentType, byte[] body) {
        var req = gw.http.post(gw.port(), "127.0.0.1", "/channels/weibo?" + query);
        if (contentType != null) {
            req.putHeader("content-type", contentType);
        }
        return req.sendBuffer(Buffer.buffer(body)).await();
    }

    private HttpResponse<Buffer> push(JsonObject message) {
        return push(Signers.weiboQuery(), "application/json", Signers.utf8(message.encode()));
    }

    private static JsonObject message(String type, long sender, String text, JsonObject data) {
        return new JsonObject()
                .put("type", type)
                .put("receiver_id", Long.parseLong(ChannelGateway.WEIBO_RECEIVER))
                .put("sender_id", sender)
                .put("created_at", "Thu May 30 10:00:05 +0800 2024")
                .put("text", text)
                .put("data", data);
    }

    private static List<Intake> from(long sender) {
        return gw.intakes().stream()
                .filter(i -> i.citizen().channelUserId().equals(Long.toString(sender)))
                .toList();
    }

    @Test
    @DisplayName("URL verification echoes echostr only when the signature verifies")
    void handshake() {
        long ts = System.currentTimeMillis();
        HttpResponse<Buffer> ok = get(Signers.weiboQuery(ts, "482913507") + "&echostr=vIuz5ekD");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.bodyAsString()).isEqualTo("vIuz5ekD");

        String forged = "signature=" + Digests.sortedSha1Hex("not-the-secret", Long.toString(ts), "482913507")
                + "&timestamp=" + ts + "&nonce=482913507&echostr=vIuz5ekD";
        HttpResponse<Buffer> bad = get(forged);
        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(bad.bodyAsString()).doesNotContain("vIuz5ekD");
        assertThat(bad.bodyAsJsonObject().getJsonObject("error").getString("field"))
                .isEqualTo("signature");

        HttpResponse<Buffer> noSignature = get("timestamp=" + ts + "&nonce=1&echostr=x");
        assertThat(noSignature.statusCode()).isEqualTo(401);
    }

    @Test
    @DisplayName("HEAD verifies like GET without a body; other methods are 405 with Allow, in the channel's shape")
    void methods() {
        String query = Signers.weiboQuery(System.currentTimeMillis(), "482913507") + "&echostr=vIuz5ekD";
        HttpResponse<Buffer> head = gw.http
                .request(HttpMethod.HEAD, gw.port(), "127.0.0.1", "/channels/weibo?" + query)
                .send()
                .await();
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body() == null || head.body().length() == 0).isTrue();
        for (String path : List.of("/channels/weibo", "/weibo/push", "/channels/wechat", "/api/v1/appeals")) {
            HttpResponse<Buffer> put = gw.http
                    .request(HttpMethod.PUT, gw.port(), "127.0.0.1", path)
                    .sendBuffer(Buffer.buffer("{}"))
                    .await();
            assertThat(put.statusCode()).as(path).isEqualTo(405);
            assertThat(put.getHeader("Allow"))
                    .as(path)
                    .isEqualTo(path.equals("/api/v1/appeals") ? "POST" : "GET, HEAD, POST");
            assertThat(put.bodyAsJsonObject().getJsonObject("error").getInteger("status"))
                    .isEqualTo(405);
        }
    }

    @Test
    @DisplayName("the spec's fixture URL verifies as shipped at /weibo/push, on a clock of its time")
    void specFixtureHandshake() {
        HttpResponse<Buffer> ok = in2024.http
                .get(in2024.port(), "127.0.0.1", "/weibo/push?" + FIXTURE_QUERY + "&echostr=vIuz5ekD")
                .send()
                .await();
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.getHeader("content-type")).startsWith("text/plain");
        assertThat(ok.bodyAsString()).isEqualTo("vIuz5ekD");

        // 19 digits overflow a long: still the client's mistake, a 400 naming the field
        HttpResponse<Buffer> huge =
                get("signature=" + Digests.sortedSha1Hex(ChannelGateway.WEIBO_SECRET, "9999999999999999999", "1")
                        + "&timestamp=9999999999999999999&nonce=1&echostr=x");
        assertThat(huge.statusCode()).isEqualTo(400);
        assertThat(huge.bodyAsJsonObject().getJsonObject("error").getString("field"))
                .isEqualTo("timestamp");
    }

    @Test
    @DisplayName("WeChat-compatible XML mode: a pushed XML text is one appeal however often Weibo retries it")
    void xmlMode() {
        long sender = SENDER.incrementAndGet();
        byte[] xml = Signers.utf8("<xml><ToUserName><![CDATA[" + ChannelGateway.WEIBO_RECEIVER + "]]></ToUserName>"
                + "<FromUserName><![CDATA[" + sender + "]]></FromUserName><CreateTime>"
                + System.currentTimeMillis() / 1000 + "</CreateTime><MsgType><![CDATA[text]]></MsgType>"
                + "<Content><![CDATA[小区东门路灯坏了一周，晚上很黑]]></Content><MsgId></MsgId></xml>");
        for (int i = 0; i < 3; i++) {
            HttpResponse<Buffer> r = push(Signers.weiboQuery(), "text/xml", xml);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.bodyAsString()).isNullOrEmpty();
        }
        List<Intake> stored = from(sender);
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).content()).isEqualTo("小区东门路灯坏了一周，晚上很黑");
        assertThat(gw.raw(stored.get(0).rawRef()).orElseThrow().body()).isEqualTo(xml);
    }

    @Test
    @DisplayName("a signed text message is answered with an empty 200 once stored, with its raw payload kept")
    void textMessage() {
        long sender = SENDER.incrementAndGet();
        JsonObject m = message("text", sender, "望京西园三区垃圾站三天没清运了，味道很大，请处理。", new JsonObject());
        HttpResponse<Buffer> r = push(m);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.bodyAsString()).isNullOrEmpty();

        List<Intake> stored = from(sender);
        assertThat(stored).hasSize(1);
        Intake in = stored.get(0);
        assertThat(in.channel()).isEqualTo(Channel.WEIBO);
        assertThat(in.contentType()).isEqualTo(ContentType.TEXT);
        assertThat(in.content()).isEqualTo("望京西园三区垃圾站三天没清运了，味道很大，请处理。");
        assertThat(in.channelAccount()).isEqualTo(ChannelGateway.WEIBO_RECEIVER);
        assertThat(in.signatureVerified()).isTrue();
        assertThat(in.appealNo()).isNotBlank();
        var raw = gw.raw(in.rawRef()).orElseThrow();
        assertThat(new String(raw.body(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(m.encode());
        assertThat(raw.sha256()).isEqualTo(in.rawSha256());
        assertThat(raw.query()).containsKeys("signature", "timestamp", "nonce");
    }

    @Test
    @DisplayName("three identical pushes (Weibo's retries) make one appeal and are all acknowledged")
    void retriesDeduplicated() {
        long sender = SENDER.incrementAndGet();
        byte[] body = Signers.utf8(
                message("text", sender, "阜通东大街路灯不亮两晚了", new JsonObject()).encode());
        String query = Signers.weiboQuery();
        for (int i = 0; i < 3; i++) {
            assertThat(push(query, "application/json", body).statusCode()).isEqualTo(200);
        }
        assertThat(from(sender)).hasSize(1);
        assertThat(gw.counter("intake.accepted", "channel", "weibo", "duplicate", "true"))
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    @DisplayName("replay: a year-old signed query is 401; a retry dedupes; the same query with another body is 401")
    void replay() {
        long sender = SENDER.incrementAndGet();
        byte[] body = Signers.utf8(
                message("text", sender, "望京西园路灯不亮", new JsonObject()).encode());
        // The spec's query verifies on a clock of its time, but not a year later (the window is on by default).
        HttpResponse<Buffer> old = push(FIXTURE_QUERY, "application/json", body);
        assertThat(old.statusCode()).isEqualTo(401);
        assertThat(old.bodyAsJsonObject().getJsonObject("error").getString("field"))
                .isEqualTo("timestamp");
        assertThat(old.bodyAsJsonObject().getJsonObject("error").getString("code"))
                .isEqualTo("stale_timestamp");
        assertThat(from(sender)).isEmpty();

        String query = Signers.weiboQuery();
        for (int i = 0; i < 3; i++) { // Weibo's retries: same query, same body
            assertThat(push(query, "application/json", body).statusCode()).isEqualTo(200);
        }
        assertThat(from(sender)).hasSize(1);

        // Captured: the signature covers timestamp and nonce only, so another body verifies; it must not append.
        byte[] forged =
                Signers.utf8(message("text", sender, "伪造的诉求", new JsonObject()).encode());
        HttpResponse<Buffer> replayed = push(query, "application/json", forged);
        assertThat(replayed.statusCode()).isEqualTo(401);
        assertThat(replayed.bodyAsJsonObject().getJsonObject("error").getString("field"))
                .isEqualTo("nonce");
        assertThat(replayed.bodyAsJsonObject().getJsonObject("error").getString("code"))
                .isEqualTo("nonce_reused");
        assertThat(from(sender)).extracting(Intake::content).containsExactly("望京西园路灯不亮");
        // ... and the genuine retry still gets through afterwards
        assertThat(push(query, "application/json", body).statusCode()).isEqualTo(200);
        assertThat(from(sender)).hasSize(1);
    }

    @Test
    @DisplayName("the spec's fixture query on a clock of its time: a retry passes and dedupes, another body is 401")
    void replayOnFixtureClock() {
        byte[] body = Signers.utf8(new JsonObject()
                .put("type", "text")
                .put("receiver_id", Long.parseLong(ChannelGateway.WEIBO_RECEIVER))
                .put("sender_id", 2489518277L)
                .put("created_at", "Thu May 30 10:00:05 +0800 2024")
                .put("text", "阜通东大街6号院停水")
                .put("data", new JsonObject())
                .encode());
        for (int i = 0; i < 3; i++) {
            assertThat(in2024.http
                            .post(in2024.port(), "127.0.0.1", "/weibo/push?" + FIXTURE_QUERY)
                            .putHeader("content-type", "application/json")
                            .sendBuffer(Buffer.buffer(body))
                            .await()
                            .statusCode())
                    .isEqualTo(200);
        }
        assertThat(in2024.intakes()).hasSize(1);
        HttpResponse<Buffer> other = in2024.http
                .post(in2024.port(), "127.0.0.1", "/weibo/push?" + FIXTURE_QUERY)
                .putHeader("content-type", "application/json")
                .sendBuffer(Buffer.buffer(
                        Signers.utf8(new String(body, java.nio.charset.StandardCharsets.UTF_8).replace("停水", "停电"))))
                .await();
        assertThat(other.statusCode()).isEqualTo(401);
        assertThat(other.bodyAsJsonObject().getJsonObject("error").getString("field"))
                .isEqualTo("nonce");
        assertThat(in2024.intakes()).hasSize(1);
    }

    @Test
    @DisplayName("position, image, voice and mention become appeals of their type; events and unknown types only ack")
    void payloadTypes() {
        long sender = SENDER.incrementAndGet();
        assertThat(push(message(
                                "position",
                                sender,
                                "我在这里: http://t.cn/zQgLLYO",
                                new JsonObject().put("longitude", "116.308586").put("latitude", "39.982525")))
                        .statusCode())
                .isEqualTo(200);
        assertThat(push(message(
                                "image",
                                sender,
                                "发了一张图片",
                                new JsonObject().put("vfid", 821804459L).put("tovfid", 821804469L)))
                        .statusCode())
                .isEqualTo(200);
        assertThat(push(message(
                                "voice",
                                sender,
                                "发了一个语音消息",
                                new JsonObject().put("vfid", 821804460L).put("tovfid", 821804470L)))
                        .statusCode())
                .isEqualTo(200);
        assertThat(push(message(
                                "mention",
                                sender,
                                "@朝阳12345 望京街道阜通东大街路灯不亮两晚了",
                                new JsonObject().put("subtype", "status").put("key", "5039012345678901")))
                        .statusCode())
                .isEqualTo(200);
        assertThat(push(message("event", sender, "关注事件消息", new JsonObject().put("subtype", "follow")))
                        .statusCode())
                .isEqualTo(200);
        assertThat(push(message("sticker", sender, "?", new JsonObject())).statusCode())
                .isEqualTo(200);

        List<Intake> stored = from(sender);
        assertThat(stored)
                .extracting(Intake::contentType)
                .containsExactlyInAnyOrder(
                        ContentType.LOCATION, ContentType.IMAGE, ContentType.VOICE, ContentType.MENTION);
        Intake position = stored.stream()
                .filter(i -> i.contentType() == ContentType.LOCATION)
                .findFirst()
                .orElseThrow();
        assertThat(position.location().lat()).isEqualTo(39.982525);
        assertThat(position.location().crs()).isEqualTo(Crs.GCJ02);
        Intake image = stored.stream()
                .filter(i -> i.contentType() == ContentType.IMAGE)
                .findFirst()
                .orElseThrow();
        assertThat(image.attachments().get(0).reference()).isEqualTo("weibo-fid:821804469");
        assertThat(gw.counter("intake.acked", "channel", "weibo", "kind", "ack_only"))
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    @DisplayName("bad bodies get 4xx naming the field: bad signature, wrong type, malformed JSON, too large")
    void badInput() {
        long sender = SENDER.incrementAndGet();
        byte[] body =
                Signers.utf8(message("text", sender, "测试", new JsonObject()).encode());
        long ts = System.currentTimeMillis();
        String forged = "signature=" + "0".repeat(40) + "&timestamp=" + ts + "&nonce=1";
        HttpResponse<Buffer> unsigned = push(forged, "application/json", body);
        assertThat(unsigned.statusCode()).isEqualTo(401);

        HttpResponse<Buffer> form = push(Signers.weiboQuery(), "image/png", body);
        assertThat(form.statusCode()).isEqualTo(415);
        assertThat(form.bodyAsJsonObject().getJsonObject("error").getString("field"))
                .isEqualTo("content-type");

        HttpResponse<Buffer> truncated =
                push(Signers.weiboQuery(), "application/json", Signers.utf8("{\"type\":\"text\",\"sender_id\":1"));
        assertThat(truncated.statusCode()).isEqualTo(400);

        HttpResponse<Buffer> wrongType = push(
                Signers.weiboQuery(),
                "application/json",
                Signers.utf8(message("text", sender, "x", new JsonObject())
                        .put("created_at", 42)
                        .encode()));
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(wrongType.bodyAsJsonObject().getJsonObject("error").getString("field"))
                .isEqualTo("created_at");

        HttpResponse<Buffer> otherReceiver =
                push(message("text", sender, "x", new JsonObject()).put("receiver_id", 1L));
        assertThat(otherReceiver.statusCode()).isEqualTo(403);

        HttpResponse<Buffer> huge = push(Signers.weiboQuery(), "application/json", new byte[70_000]);
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(huge.bodyAsJsonObject().getJsonObject("error").getString("field"))
                .isEqualTo("body");
        assertThat(from(sender)).isEmpty();

        HttpResponse<Buffer> put =
                gw.http.put(gw.port(), "127.0.0.1", "/channels/weibo").send().await();
        assertThat(put.statusCode()).isEqualTo(405);
    }
}
