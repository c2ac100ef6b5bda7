package cn.jiesu.channels.weibo;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.channels.ChannelResult;
import cn.jiesu.channels.ChannelResult.Accepted;
import cn.jiesu.channels.ChannelResult.AckOnly;
import cn.jiesu.channels.ChannelResult.Handshake;
import cn.jiesu.channels.ChannelResult.Rejected;
import cn.jiesu.channels.ContentText;
import cn.jiesu.channels.Digests;
import cn.jiesu.channels.Fixtures;
import cn.jiesu.channels.Fixtures.Req;
import cn.jiesu.channels.ReplayGuard;
import cn.jiesu.core.appeal.AppendResult;
import cn.jiesu.core.intake.Channel;
import cn.jiesu.core.intake.ContentType;
import cn.jiesu.core.intake.Crs;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.intake.ReplyMode;
import cn.jiesu.core.intake.Urgency;
import cn.jiesu.core.sla.SlaPolicy;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WeiboAdapterTest {
    private static final String SECRET = "3c7f2b9e4d1a8f6e0b5c2d9a7e4f1b3c";
    private static final String SIGNED =
            "signature=4042b88b1feb9b468d86bc3a1f3d6a330dd89a01&timestamp=1717034405123" + "&nonce=482913507";
    private static final Clock CLOCK = Fixtures.clockAt("2024-05-30T02:00:05.412Z");

    private final WeiboAdapter adapter = adapter(new WeiboConfig(SECRET, null, null, 0, null));

    private static WeiboAdapter adapter(WeiboConfig config) {
        return new WeiboAdapter(config, CLOCK, Fixtures.ids(CLOCK), SlaPolicy.BEIJING, Fixtures.classifier());
    }

    private ChannelResult post(String fixture) {
        return adapter.handle(Req.post("/weibo/push")
                .query(SIGNED)
                .header("Content-Type", "application/json")
                .body(Fixtures.bytes("weibo/" + fixture))
                .build());
    }

    private Accepted accepted(String fixture) {
        ChannelResult r = post(fixture);
        assertThat(r).isInstanceOf(Accepted.class);
        return (Accepted) r;
    }

    @Test
    @DisplayName("the spec's worked signatures verify: sha1 of app_secret, timestamp and nonce, sorted")
    void workedSignatures() {
        assertThat(Digests.sortedSha1Hex("demo", "1639017506000", "57155157"))
                .isEqualTo("233dae8d74f45a1ad1f5671a974c485ccd1ac3c5");
        assertThat(Digests.sortedSha1Hex("appsecretEnF5leY4V", "1416794721093", "213674821"))
                .isEqualTo("4281a145e46aa978f0140e45ae2853c10b82e2c9");
        assertThat(Digests.sortedSha1Hex(SECRET, "1717034405123", "482913507"))
                .isEqualTo("4042b88b1feb9b468d86bc3a1f3d6a330dd89a01");
    }

    @Test
    @DisplayName("URL verification echoes echostr verbatim as text/plain when the signature verifies")
    void handshake() {
        ChannelResult r = adapter.handle(
                Req.get("/weibo/push").query(SIGNED + "&echostr=vIuz5ekD").build());
        assertThat(r).isInstanceOfSatisfying(Handshake.class, h -> {
            assertThat(h.reply().status()).isEqualTo(200);
            assertThat(h.reply().contentType()).startsWith("text/plain");
            assertThat(h.reply().bodyText()).isEqualTo("vIuz5ekD");
        });
    }

    @Test
    @DisplayName("URL verification with a wrong signature is 401 and echoes nothing")
    void handshakeBadSignature() {
        ChannelResult r = adapter.handle(Req.get("/weibo/push")
                .query("signature=4042b88b1feb9b468d86bc3a1f3d6a330dd89a02"
                        + "&timestamp=1717034405123&nonce=482913507&echostr=vIuz5ekD")
                .build());
        assertThat(r).isInstanceOfSatisfying(Rejected.class, x -> {
            assertThat(x.status()).isEqualTo(401);
            assertThat(x.field()).isEqualTo("signature");
            assertThat(x.reply().bodyText()).doesNotContain("vIuz5ekD");
        });
    }

    @Test
    @DisplayName("a text message becomes one normalized intake, acknowledged with an empty body")
    void text() {
        Accepted a = accepted("text.json");
        Intake in = a.intake();
        assertThat(in.channel()).isEqualTo(Channel.WEIBO);
        assertThat(in.channelAccount()).isEqualTo("1902538057");
        assertThat(in.channelMessageId()).startsWith("2489518277:1717034405:").hasSize(22 + 64);
        assertThat(in.receivedAt()).isEqualTo(Instant.parse("2024-05-30T02:00:05.412Z"));
        assertThat(in.occurredAt()).isEqualTo(Instant.parse("2024-05-30T02:00:05Z"));
        assertThat(in.contentType()).isEqualTo(ContentType.TEXT);
        assertThat(in.content()).isEqualTo("望京西园三区垃圾站三天没清运了，味道很大，请处理。");
        assertThat(in.citizen().channelUserId()).isEqualTo("2489518277");
        assertThat(in.replyRoute().channel()).isEqualTo(Channel.WEIBO);
        assertThat(in.replyRoute().target()).isEqualTo("2489518277");
        assertThat(in.replyRoute().mode()).isEqualTo(ReplyMode.CS_API);
        assertThat(in.signatureVerified()).isTrue();
        assertThat(in.signatureScheme()).isEqualTo("WEIBO_SHA1");
        // The adapter records what triage decides (TriageCorpusTest measures whether triage is right).
        assertThat(in.requestType())
                .isEqualTo(Fixtures.classifier().classify(in.content()).requestType());
        assertThat(in.urgency()).isEqualTo(Urgency.NORMAL);
        assertThat(in.dueAt()).isEqualTo(in.receivedAt().plus(Duration.ofDays(7)));
        String sha = Digests.sha256Hex(Fixtures.bytes("weibo/text.json"));
        assertThat(in.rawSha256()).isEqualTo(sha);
        assertThat(in.rawRef()).isEqualTo("raw/sha256/" + sha);
        assertThat(a.raw().body()).isEqualTo(Fixtures.bytes("weibo/text.json"));
        assertThat(a.raw().query()).containsEntry("nonce", "482913507");
        assertThat(a.raw().headers()).containsEntry("content-type", "application/json");
        assertThat(a.ack()
                        .render(new AppendResult(in.intakeId(), "240530000001", false))
                        .bodyText())
                .isEmpty();
    }

    @Test
    @DisplayName("Weibo's retries of one message share a dedupe key; another message in the same second does not")
    void dedupe() {
        String key = accepted("text.json").intake().dedupeKey();
        assertThat(accepted("text.json").intake().dedupeKey()).isEqualTo(key);
        assertThat(accepted("text.json").intake().intakeId())
                .isNotEqualTo(accepted("text.json").intake().intakeId());
        String other = Fixtures.text("weibo/text.json").replace("请处理。", "请尽快处理。");
        Accepted b = (Accepted)
                adapter.handle(Req.post("/weibo/push").query(SIGNED).body(other).build());
        assertThat(b.intake().dedupeKey()).isNotEqualTo(key).startsWith("WEIBO|1902538057|2489518277:1717034405:");
        String reordered = "{\"data\":{},\"text\":\"望京西园三区垃圾站三天没清运了，味道很大，请处理。\","
                + "\"created_at\":\"Thu May 30 10:00:05 +0800 2024\",\"sender_id\":\"2489518277\","
                + "\"receiver_id\":1902538057,\"type\":\"text\"}";
        Accepted c = (Accepted) adapter.handle(
                Req.post("/weibo/push").query(SIGNED).body(reordered).build());
        assertThat(c.intake().dedupeKey()).isEqualTo(key);
    }

    @Test
    @DisplayName("a position message carries lat/lon (strings in the payload) tagged with the configured CRS")
    void position() {
        Intake in = accepted("position.json").intake();
        assertThat(in.contentType()).isEqualTo(ContentType.LOCATION);
        assertThat(in.location().lat()).isEqualTo(39.982525);
        assertThat(in.location().lon()).isEqualTo(116.308586);
        assertThat(in.location().crs()).isEqualTo(Crs.GCJ02);
        assertThat(in.occurredAt()).isEqualTo(Instant.parse("2012-07-16T10:09:20Z"));
        assertThat(in.content()).isEqualTo("我在这里: http://t.cn/zQgLLYO");
    }

    @Test
    @DisplayName("image and voice messages reference our copy of the file (tovfid); the boilerplate text is dropped")
    void media() {
        Intake image = accepted("image.json").intake();
        assertThat(image.contentType()).isEqualTo(ContentType.IMAGE);
        assertThat(image.content()).isNull();
        assertThat(image.attachments()).singleElement().satisfies(x -> {
            assertThat(x.kind()).isEqualTo("IMAGE");
            assertThat(x.reference()).isEqualTo("weibo-fid:821804469");
        });
        Intake voice = accepted("voice.json").intake();
        assertThat(voice.contentType()).isEqualTo(ContentType.VOICE);
        assertThat(voice.attachments().get(0).reference()).isEqualTo("weibo-fid:821804471");
    }

    @Test
    @DisplayName("a mention is an appeal; receiver_id and the 2/messages/receive spelling recipient_id are both read")
    void mention() {
        Intake in = accepted("mention.json").intake();
        assertThat(in.contentType()).isEqualTo(ContentType.MENTION);
        assertThat(in.content()).contains("路灯不亮");
        Intake gas = accepted("mention-recipient-id.json").intake();
        assertThat(gas.channelAccount()).isEqualTo("1902538057");
        assertThat(gas.urgency()).isEqualTo(Urgency.EMERGENCY);
        assertThat(gas.dueAt()).isEqualTo(gas.receivedAt().plus(Duration.ofHours(2)));
    }

    @Test
    @DisplayName("events and unknown message types create no appeal: acknowledged, raw payload kept")
    void eventsAndUnknownTypes() {
        assertThat(post("event-follow.json")).isInstanceOfSatisfying(AckOnly.class, a -> {
            assertThat(a.reason()).isEqualTo("event:follow");
            assertThat(a.reply().status()).isEqualTo(200);
            assertThat(a.reply().bodyText()).isEmpty();
            assertThat(a.raw()).isNotNull();
        });
        assertThat(post("event-click.json"))
                .isInstanceOfSatisfying(
                        AckOnly.class, a -> assertThat(a.reason()).isEqualTo("event:click"));
        assertThat(post("unknown-type.json"))
                .isInstanceOfSatisfying(
                        AckOnly.class, a -> assertThat(a.reason()).isEqualTo("type:unknown"));
    }

    @Test
    @DisplayName("text over 4000 characters is truncated with a visible marker; the raw payload keeps it all")
    void longText() {
        String text = "路灯不亮".repeat(3000);
        String body = new JsonObject()
                .put("type", "text")
                .put("receiver_id", 1902538057L)
                .put("sender_id", 2489518277L)
                .put("created_at", "Thu May 30 10:00:05 +0800 2024")
                .put("text", text)
                .put("data", new JsonObject())
                .encode();
        Accepted a = (Accepted)
                adapter.handle(Req.post("/weibo/push").query(SIGNED).body(body).build());
        assertThat(a.intake().content()).hasSize(Intake.MAX_CONTENT_CHARS).endsWith(ContentText.MARKER);
        assertThat(ContentText.truncated(a.intake().content())).isTrue();
        assertThat(new String(a.raw().body(), java.nio.charset.StandardCharsets.UTF_8))
                .contains(text);
    }

    private Accepted pushedAt(String createdAt) {
        String body = new JsonObject()
                .put("type", "text")
                .put("receiver_id", 1902538057L)
                .put("sender_id", 2489518277L)
                .put("created_at", createdAt)
                .put("text", "路灯不亮")
                .put("data", new JsonObject())
                .encode();
        ChannelResult r =
                adapter.handle(Req.post("/weibo/push").query(SIGNED).body(body).build());
        assertThat(r).as(createdAt).isInstanceOf(Accepted.class);
        return (Accepted) r;
    }

    @Test
    @DisplayName("a created_at past 9999 or naming no real day (Feb 30) is kept, its time unknown, never Feb 29")
    void impossibleCreatedAt() {
        // 9999-12-31 23:59:59 at -18:00 is 10000-01-01T17:59:59Z: not stored, not refused (Weibo would retry).
        Accepted late = pushedAt("Fri Dec 31 23:59:59 -1800 9999");
        assertThat(late.intake().occurredAt()).isNull();
        assertThat(late.intake().content()).isEqualTo("路灯不亮");
        Accepted feb30 = pushedAt("Fri Feb 30 10:00:05 +0800 2024");
        assertThat(feb30.intake().occurredAt()).isNull();
        // Its retries dedupe together, apart from a message really sent on Feb 29 or Mar 1.
        assertThat(pushedAt("Fri Feb 30 10:00:05 +0800 2024").intake().dedupeKey())
                .isEqualTo(feb30.intake().dedupeKey());
        Accepted feb29 = pushedAt("Thu Feb 29 10:00:05 +0800 2024");
        assertThat(feb29.intake().occurredAt()).isEqualTo(Instant.parse("2024-02-29T02:00:05Z"));
        assertThat(feb29.intake().dedupeKey()).isNotEqualTo(feb30.intake().dedupeKey());
        assertThat(pushedAt("Sat Apr 31 10:00:05 +0800 2024").intake().occurredAt())
                .isNull();
        assertThat(pushedAt("Thu May 30 25:00:05 +0800 2024").intake().occurredAt())
                .isNull();
        // The XML mode's CreateTime too.
        String xml = "<xml><ToUserName>1902538057</ToUserName><FromUserName>2489518277</FromUserName>"
                + "<CreateTime>253402300800</CreateTime><MsgType>text</MsgType><Content>路灯不亮</Content></xml>";
        ChannelResult r = adapter.handle(Req.post("/weibo/push")
                .query(SIGNED)
                .header("Content-Type", "text/xml")
                .body(xml)
                .build());
        assertThat(r)
                .isInstanceOfSatisfying(
                        Accepted.class, a -> assertThat(a.intake().occurredAt()).isNull());
    }

    @Test
    @DisplayName("a created_at whose day name does not match its date is read by the date, not refused")
    void wrongWeekday() {
        Intake in = accepted("bad-created-at-weekday.json").intake(); // "Fri May 30 … 2024" was a Thursday
        assertThat(in.occurredAt()).isEqualTo(Instant.parse("2024-05-30T02:00:05Z"));
    }

    @Test
    @DisplayName("WeChat-compatible XML mode: text, location and image become appeals like JSON ones; the empty "
            + "MsgId is not the dedupe key; events are acknowledged")
    void xmlMode() {
        String text = "<xml><ToUserName><![CDATA[1902538057]]></ToUserName><FromUserName><![CDATA[2489518277]]>"
                + "</FromUserName><CreateTime>1717034405</CreateTime><MsgType><![CDATA[text]]></MsgType>"
                + "<Content><![CDATA[望京西园三区垃圾站三天没清运了]]></Content><MsgId></MsgId></xml>";
        Intake first = acceptedXml(text);
        assertThat(first.content()).isEqualTo("望京西园三区垃圾站三天没清运了");
        assertThat(first.citizen().channelUserId()).isEqualTo("2489518277");
        assertThat(first.occurredAt()).isEqualTo(Instant.ofEpochSecond(1717034405));
        assertThat(acceptedXml(text).channelMessageId())
                .isEqualTo(first.channelMessageId())
                .startsWith("2489518277:1717034405:");
        assertThat(acceptedXml(text.replace("三天", "两天")).channelMessageId()).isNotEqualTo(first.channelMessageId());

        Intake place = acceptedXml("<xml><ToUserName>1902538057</ToUserName><FromUserName>2489518277</FromUserName>"
                + "<CreateTime>1717034406</CreateTime><MsgType>location</MsgType><Location_X>39.982525</Location_X>"
                + "<Location_Y>116.308586</Location_Y><Label>望京西园三区</Label><MsgId></MsgId></xml>");
        assertThat(place.contentType()).isEqualTo(ContentType.LOCATION);
        assertThat(place.location().lat()).isEqualTo(39.982525);
        assertThat(place.location().lon()).isEqualTo(116.308586);
        Intake image = acceptedXml("<xml><ToUserName>1902538057</ToUserName><FromUserName>2489518277</FromUserName>"
                + "<CreateTime>1717034407</CreateTime><MsgType>image</MsgType><PicUrl></PicUrl>"
                + "<MediaId>821804469</MediaId><MsgId></MsgId></xml>");
        assertThat(image.attachments())
                .singleElement()
                .satisfies(x -> assertThat(x.reference()).isEqualTo("weibo-fid:821804469"));

        ChannelResult event = adapter.handle(Req.post("/weibo/push")
                .query(SIGNED)
                .header("Content-Type", "text/xml")
                .body("<xml><ToUserName>1902538057</ToUserName><FromUserName>2489518277</FromUserName><CreateTime>"
                        + "1717034408</CreateTime><MsgType>event</MsgType><Event>follow</Event></xml>")
                .build());
        assertThat(event).isInstanceOf(ChannelResult.AckOnly.class);
        assertRejected(
                adapter.handle(Req.post("/weibo/push")
                        .query(SIGNED)
                        .header("Content-Type", "text/xml")
                        .body(
                                "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><xml><Content>&e;</Content></xml>")
                        .build()),
                400,
                "body");
    }

    private Intake acceptedXml(String xml) {
        ChannelResult r = adapter.handle(Req.post("/weibo/push")
                .query(SIGNED)
                .header("Content-Type", "text/xml")
                .body(xml)
                .build());
        assertThat(r).isInstanceOf(Accepted.class);
        return ((Accepted) r).intake();
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource({
        "bad-truncated.json, 400, body",
        "bad-sender-type.json, 400, sender_id",
        "bad-created-at.json, 400, created_at",
        "bad-array-root.json, 400, body",
        "bad-no-sender.json, 400, sender_id",
        "bad-data-type.json, 400, data",
        "bad-utf8.json, 400, body"
    })
    @DisplayName("malformed bodies are refused with 400 naming the field, and the error body names it too")
    void badBodies(String fixture, int status, String field) {
        assertThat(post(fixture)).isInstanceOfSatisfying(Rejected.class, r -> {
            assertThat(r.status()).isEqualTo(status);
            assertThat(r.field()).isEqualTo(field);
            JsonObject error = new JsonObject(r.reply().bodyText()).getJsonObject("error");
            assertThat(error.getString("field")).isEqualTo(field);
            assertThat(r.reply().status()).isEqualTo(status);
        });
    }

    @Test
    @DisplayName("a bad or missing signature is 401; a signed message to another account is 403")
    void authentication() {
        byte[] body = Fixtures.bytes("weibo/text.json");
        assertRejected(
                adapter.handle(Req.post("/weibo/push")
                        .query(SIGNED.replace("482913507", "482913508"))
                        .body(body)
                        .build()),
                401,
                "signature");
        assertRejected(
                adapter.handle(Req.post("/weibo/push")
                        .query("timestamp=1717034405123&nonce=482913507")
                        .body(body)
                        .build()),
                401,
                "signature");
        assertRejected(
                adapter.handle(Req.post("/weibo/push")
                        .query("signature=x&nonce=482913507")
                        .body(body)
                        .build()),
                400,
                "timestamp");
        WeiboAdapter ours = adapter(new WeiboConfig(SECRET, "1111111111", null, 0, null));
        assertRejected(
                ours.handle(Req.post("/weibo/push").query(SIGNED).body(body).build()), 403, "receiver_id");
    }

    @Test
    @DisplayName("the timestamp window is on by default: the spec's query a year later is 401, a wider one holds")
    void staleTimestamp() {
        WeiboAdapter strict = adapter(new WeiboConfig(SECRET, null, null, 0, null));
        assertThat(strict.handle(Req.post("/weibo/push")
                        .query(SIGNED)
                        .body(Fixtures.bytes("weibo/text.json"))
                        .build()))
                .isInstanceOf(Accepted.class);
        for (String when : List.of("2025-05-30T02:00:05Z", "2024-05-30T02:05:06Z", "2024-05-30T01:55:04Z")) {
            WeiboAdapter later = new WeiboAdapter(
                    new WeiboConfig(SECRET, null, null, 0, null),
                    Fixtures.clockAt(when),
                    Fixtures.ids(CLOCK),
                    SlaPolicy.BEIJING,
                    Fixtures.classifier());
            assertRejected(
                    later.handle(Req.post("/weibo/push")
                            .query(SIGNED)
                            .body(Fixtures.bytes("weibo/text.json"))
                            .build()),
                    401,
                    "timestamp");
            assertRejected(
                    later.handle(
                            Req.get("/weibo/push").query(SIGNED + "&echostr=x").build()),
                    401,
                    "timestamp");
        }
        WeiboAdapter wide = new WeiboAdapter(
                new WeiboConfig(SECRET, null, null, 0, Duration.ofHours(1)),
                Fixtures.clockAt("2024-05-30T02:30:00Z"),
                Fixtures.ids(CLOCK),
                SlaPolicy.BEIJING,
                Fixtures.classifier());
        assertThat(wide.handle(Req.post("/weibo/push")
                        .query(SIGNED)
                        .body(Fixtures.bytes("weibo/text.json"))
                        .build()))
                .isInstanceOf(Accepted.class);
        String overflow = "9999999999999999999";
        assertRejected(
                strict.handle(Req.get("/weibo/push")
                        .query("signature=" + Digests.sortedSha1Hex(SECRET, overflow, "1") + "&timestamp=" + overflow
                                + "&nonce=1&echostr=x")
                        .build()),
                400,
                "timestamp");
    }

    @Test
    @DisplayName("an accepted push carries its guard: timestamp and nonce bound to the body for twice the window")
    void replayGuard() {
        byte[] body = Fixtures.bytes("weibo/text.json");
        Accepted a = (Accepted)
                adapter.handle(Req.post("/weibo/push").query(SIGNED).body(body).build());
        ReplayGuard g = a.guard();
        assertThat(g.client()).isEqualTo(ReplayGuard.PUSH);
        assertThat(g.nonce()).isEqualTo("1717034405123:482913507");
        assertThat(g.binding()).isEqualTo(Digests.sha256Hex(body));
        assertThat(g.nonceTtl()).isEqualTo(Duration.ofMinutes(10));
        assertThat(a.keyReused()).isNull();
        assertThat(g.nonceReused().status()).isEqualTo(401);
        assertThat(g.nonceReused().field()).isEqualTo("nonce");
    }

    @Test
    @DisplayName("the window is 1m to 1h; outside, the error names the key")
    void windowBounds() {
        for (Duration bad : List.of(Duration.ZERO, Duration.ofSeconds(59), Duration.ofHours(2))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new WeiboConfig(SECRET, null, null, 0, bad))
                    .hasMessageStartingWith("channels.weibo.max-timestamp-age: ");
        }
        assertThat(new WeiboConfig(SECRET, null, null, 0, null).maxTimestampAge())
                .isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    @DisplayName("oversized bodies are 413, non-JSON content types 415, other methods 405")
    void limits() {
        WeiboAdapter small = adapter(new WeiboConfig(SECRET, null, null, 100, null));
        assertRejected(
                small.handle(Req.post("/weibo/push")
                        .query(SIGNED)
                        .body(Fixtures.bytes("weibo/text.json"))
                        .build()),
                413,
                "body");
        assertRejected(
                adapter.handle(Req.post("/weibo/push")
                        .query(SIGNED)
                        .header("Content-Type", "image/png")
                        .body(Fixtures.bytes("weibo/text.json"))
                        .build()),
                415,
                "content-type");
        assertRejected(
                adapter.handle(Req.post("/weibo/push")
                        .query(SIGNED)
                        .header("Content-Type", "application/json; charset=gbk")
                        .body(Fixtures.bytes("weibo/text.json"))
                        .build()),
                415,
                "content-type");
        assertThat(adapter.handle(Req.method("PUT", "/weibo/push").build()))
                .isInstanceOfSatisfying(
                        Rejected.class, r -> assertThat(r.status()).isEqualTo(405));
    }

    @Test
    @DisplayName("a configuration without an app secret is refused, and toString never shows the secret")
    void config() {
        assertThat(new WeiboConfig(SECRET, null, null, 0, null).toString()).doesNotContain(SECRET);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new WeiboConfig(" ", null, null, 0, null))
                .hasMessageContaining("appSecret");
    }

    private static void assertRejected(ChannelResult r, int status, String field) {
        assertThat(r).isInstanceOfSatisfying(Rejected.class, x -> {
            assertThat(x.status()).isEqualTo(status);
            assertThat(x.field()).isEqualTo(field);
        });
    }
}
