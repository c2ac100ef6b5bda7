package cn.jiesu.channels.wechat;

import static cn.jiesu.channels.wechat.WeChatCryptoTest.AES_KEY;
import static cn.jiesu.channels.wechat.WeChatCryptoTest.APP_ID;
import static cn.jiesu.channels.wechat.WeChatCryptoTest.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.channels.ChannelResult;
import cn.jiesu.channels.ChannelResult.Accepted;
import cn.jiesu.channels.ChannelResult.AckOnly;
import cn.jiesu.channels.ChannelResult.Handshake;
import cn.jiesu.channels.ChannelResult.Rejected;
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
import cn.jiesu.core.intake.RequestType;
import cn.jiesu.core.intake.Urgency;
import cn.jiesu.core.sla.SlaPolicy;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WeChatAdapterTest {
    private static final Clock CLOCK = Fixtures.clockAt("2024-05-30T02:00:05.412Z");
    private static final String PLAIN_QUERY = "timestamp=1717034405&nonce=1498231765"
            + "&openid=oR5Gk6ZcX1aYbQ2Pq3wE4rT5yU6i&signature=d2f0caf083fdb886b3f1759cf1879a96572046b6";
    private static final String SECURE_QUERY =
            PLAIN_QUERY + "&encrypt_type=aes" + "&msg_signature=680e9ade92e289821c4db2f07e778135b050f7fe";

    private final WeChatAdapter adapter = adapter(config(true, null, null));

    static WeChatConfig config(boolean allowPlaintext, String accountId, Duration maxAge) {
        return new WeChatConfig(TOKEN, AES_KEY, APP_ID, accountId, allowPlaintext, null, 0, maxAge);
    }

    private static WeChatAdapter adapter(WeChatConfig config) {
        return adapter(config, CLOCK);
    }

    /** For the official examples, each signed at its own time: the timestamp window is always on. */
    private static WeChatAdapter adapterAt(WeChatConfig config, long epochSecond) {
        return adapter(config, Clock.fixed(Instant.ofEpochSecond(epochSecond), java.time.ZoneOffset.UTC));
    }

    private static WeChatAdapter adapter(WeChatConfig config, Clock clock) {
        return new WeChatAdapter(config, clock, Fixtures.ids(clock), SlaPolicy.BEIJING, Fixtures.classifier());
    }

    private ChannelResult plain(String fixture) {
        return adapter.handle(Req.post("/wechat/push")
                .query(PLAIN_QUERY)
                .header("Content-Type", "text/xml")
                .body(Fixtures.bytes("wechat/" + fixture))
                .build());
    }

    private Intake accepted(String fixture) {
        ChannelResult r = plain(fixture);
        assertThat(r).isInstanceOf(Accepted.class);
        return ((Accepted) r).intake();
    }

    @Test
    @DisplayName("URL verification: the official example's signature verifies and echostr is echoed")
    void handshake() {
        WeChatAdapter official =
                adapterAt(new WeChatConfig("AAAAA", null, null, null, true, null, 0, null), 1714036504);
        ChannelResult r = official.handle(Req.get("/wechat/push")
                .query("signature=f464b24fc39322e44b38aa78f5edd27bd1441696"
                        + "&timestamp=1714036504&nonce=1514711492&echostr=4375120948345356249")
                .build());
        assertThat(r)
                .isInstanceOfSatisfying(
                        Handshake.class, h -> assertThat(h.reply().bodyText()).isEqualTo("4375120948345356249"));
        assertThat(Digests.sortedSha1Hex("AAAAA", "1714037059", "486452656"))
                .isEqualTo("899cf89e464efb63f54ddac96b0a0a235f53aa78");
        assertThat(official.handle(Req.get("/wechat/push")
                        .query("signature=0000&timestamp=1714036504" + "&nonce=1514711492&echostr=4375120948345356249")
                        .build()))
                .isInstanceOfSatisfying(
                        Rejected.class, x -> assertThat(x.status()).isEqualTo(401));
    }

    @Test
    @DisplayName("a CreateTime past 9999 is not refused (WeChat would retry): the appeal is kept, its time unknown")
    void createTimeOutOfRange() {
        String xml = new String(Fixtures.bytes("wechat/plain-text.xml"), StandardCharsets.UTF_8);
        for (String t : List.of("253402300800", "999999999999")) { // 10000-01-01T00:00:00Z, and later
            ChannelResult r = adapter.handle(Req.post("/wechat/push")
                    .query(PLAIN_QUERY)
                    .header("Content-Type", "text/xml")
                    .body(xml.replace("1717034405", t))
                    .build());
            assertThat(r).as(t).isInstanceOfSatisfying(Accepted.class, a -> {
                assertThat(a.intake().occurredAt()).isNull();
                assertThat(a.intake().receivedAt()).isNotNull();
                assertThat(a.intake().content()).isEqualTo("小区门口井盖缺失，很危险");
            });
        }
        // DateBounds keeps a day's margin (any zone's date stays in 9999): its last second is kept as sent.
        assertThat(((Accepted) adapter.handle(Req.post("/wechat/push")
                                .query(PLAIN_QUERY)
                                .header("Content-Type", "text/xml")
                                .body(xml.replace("1717034405", "253402214399"))
                                .build()))
                        .intake()
                        .occurredAt())
                .isEqualTo(Instant.parse("9999-12-30T23:59:59Z"));
        assertThat(((Accepted) adapter.handle(Req.post("/wechat/push")
                                .query(PLAIN_QUERY)
                                .header("Content-Type", "text/xml")
                                .body(xml.replace("1717034405", "253402214400"))
                                .build()))
                        .intake()
                        .occurredAt())
                .isNull();
    }

    @Test
    @DisplayName("mini program JSON: the spec's example, signed as the official doc's plaintext POST, is an appeal")
    void miniProgramJson() {
        WeChatAdapter official =
                adapterAt(new WeChatConfig("AAAAA", null, null, null, true, null, 0, null), 1714037059);
        byte[] body = ("{\"ToUserName\":\"gh_97417a04a28d\",\"FromUserName\":\"o9AgO5Kd5ggOC-bXrbNODIiE3bGY\","
                        + "\"CreateTime\":1714037059,\n \"MsgType\":\"text\",\"Content\":\"我要反映小区噪音扰民\","
                        + "\"MsgId\":24583016739012848}")
                .getBytes(StandardCharsets.UTF_8);
        ChannelResult r = official.handle(Req.post("/wechat/push")
                .header("Content-Type", "application/json")
                .query("signature=899cf89e464efb63f54ddac96b0a0a235f53aa78&timestamp=1714037059&nonce=486452656")
                .body(body)
                .build());
        assertThat(r).isInstanceOfSatisfying(Accepted.class, a -> {
            Intake in = a.intake();
            assertThat(in.dedupeKey()).isEqualTo("WECHAT|gh_97417a04a28d|24583016739012848");
            assertThat(in.occurredAt()).isEqualTo(Instant.ofEpochSecond(1714037059));
            assertThat(in.content()).isEqualTo("我要反映小区噪音扰民");
            assertThat(in.requestType()).isEqualTo(RequestType.COMPLAINT);
            assertThat(in.citizen().channelUserId()).isEqualTo("o9AgO5Kd5ggOC-bXrbNODIiE3bGY");
            assertThat(a.raw().body()).isEqualTo(body);
        });
        // A JSON event (the user entered the customer-service session) is only acknowledged.
        ChannelResult event = official.handle(Req.post("/wechat/push")
                .header("Content-Type", "application/json")
                .query("signature=899cf89e464efb63f54ddac96b0a0a235f53aa78&timestamp=1714037059&nonce=486452656")
                .body(("{\"ToUserName\":\"gh_97417a04a28d\",\"FromUserName\":\"o9AgO5Kd5ggOC-bXrbNODIiE3bGY\","
                                + "\"CreateTime\":1714037059,\"MsgType\":\"event\",\"Event\":\"user_enter_tempsession\","
                                + "\"SessionFrom\":\"{}\"}")
                        .getBytes(StandardCharsets.UTF_8))
                .build());
        assertThat(event).isInstanceOf(ChannelResult.AckOnly.class);
        // Wrong types where text is expected are refused with the field named, never an exception.
        ChannelResult bad = official.handle(Req.post("/wechat/push")
                .header("Content-Type", "application/json")
                .query("signature=899cf89e464efb63f54ddac96b0a0a235f53aa78&timestamp=1714037059&nonce=486452656")
                .body("{\"ToUserName\":\"gh_97417a04a28d\",\"FromUserName\":\"o9\",\"CreateTime\":\"x\"}"
                        .getBytes(StandardCharsets.UTF_8))
                .build());
        assertThat(bad).isInstanceOfSatisfying(Rejected.class, x -> {
            assertThat(x.status()).isEqualTo(400);
            assertThat(x.field()).isEqualTo("CreateTime");
        });
    }

    @Test
    @DisplayName("secure mode, fixture wx-secure-text: verified, decrypted and normalized as the spec's example")
    void secureText() {
        ChannelResult r = adapter.handle(Req.post("/wechat/push")
                .query(SECURE_QUERY)
                .header("Content-Type", "text/xml")
                .body(Fixtures.bytes("wechat/secure-text.xml"))
                .build());
        assertThat(r).isInstanceOf(Accepted.class);
        Accepted a = (Accepted) r;
        Intake in = a.intake();
        assertThat(in.dedupeKey()).isEqualTo("WECHAT|gh_3a5b7c9d1e2f|24583016739012845");
        assertThat(in.receivedAt()).isEqualTo(Instant.parse("2024-05-30T02:00:05.412Z"));
        assertThat(in.occurredAt()).isEqualTo(Instant.parse("2024-05-30T02:00:05Z"));
        assertThat(in.contentType()).isEqualTo(ContentType.TEXT);
        assertThat(in.content()).isEqualTo("朝阳区望京街道阜通东大街6号院3号楼从昨晚起停水，至今未恢复，请尽快处理。");
        assertThat(in.citizen().channelUserId()).isEqualTo("oR5Gk6ZcX1aYbQ2Pq3wE4rT5yU6i");
        assertThat(in.requestType()).isEqualTo(RequestType.HELP);
        assertThat(in.urgency()).isEqualTo(Urgency.IMMEDIATE);
        assertThat(in.dueAt()).isEqualTo(in.receivedAt().plus(Duration.ofHours(24)));
        assertThat(in.replyRoute().channel()).isEqualTo(Channel.WECHAT);
        assertThat(in.replyRoute().mode()).isEqualTo(ReplyMode.CS_API);
        assertThat(in.signatureVerified()).isTrue();
        assertThat(in.signatureScheme()).isEqualTo("WX_AES");
        assertThat(in.rawRef()).isEqualTo("raw/sha256/" + Digests.sha256Hex(Fixtures.bytes("wechat/secure-text.xml")));
        assertThat(new String(a.raw().decrypted(), StandardCharsets.UTF_8))
                .contains("<MsgId>24583016739012845</MsgId>");
        assertThat(a.raw().body()).isEqualTo(Fixtures.bytes("wechat/secure-text.xml"));
        assertThat(a.ack().render(new AppendResult(in.intakeId(), "1", false)).bodyText())
                .isEqualTo("success");
    }

    @Test
    @DisplayName("secure mode, fixture wx-secure-pad32: the 32-byte pad is stripped and the message accepted")
    void securePad32() {
        ChannelResult r = adapter.handle(Req.post("/wechat/push")
                .query("timestamp=1717034500&nonce=77312544&encrypt_type=aes"
                        + "&msg_signature=29ffdf017beb737e5a38468f80a5c9afaa548aaf")
                .body(Fixtures.bytes("wechat/secure-pad32.xml"))
                .build());
        assertThat(r).isInstanceOfSatisfying(Accepted.class, a -> {
            assertThat(a.intake().content()).isEqualTo("路灯不亮!!!!!");
            assertThat(a.intake().channelMessageId()).isEqualTo("24583016739012846");
        });
    }

    @Test
    @DisplayName("the official secure-mode vector goes through the adapter too")
    void officialVector() {
        WeChatAdapter official = adapterAt(
                new WeChatConfig(
                        "spamtest",
                        "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
                        "wx2c2769f8efd9abc2",
                        null,
                        true,
                        null,
                        0,
                        null),
                1409735669);
        ChannelResult r = official.handle(Req.post("/wechat/push")
                .query("timestamp=1409735669&nonce=1320562132"
                        + "&encrypt_type=aes&msg_signature=5d197aaffba7e9b25a30732f161a50dee96bd5fa")
                .body(Fixtures.bytes("wechat/official-vector.xml"))
                .build());
        assertThat(r).isInstanceOfSatisfying(Accepted.class, a -> {
            assertThat(a.intake().channelAccount()).isEqualTo("gh_10f6c3c3ac5a");
            assertThat(a.intake().content()).isEqualTo("abcdteT");
            assertThat(a.intake().occurredAt()).isEqualTo(Instant.ofEpochSecond(1409735668));
        });
    }

    @Test
    @DisplayName("plaintext mode: a text message dedupes on MsgId; 井盖缺失 is an emergency")
    void plainText() {
        Intake in = accepted("plain-text.xml");
        assertThat(in.channelMessageId()).isEqualTo("24583016739012847");
        assertThat(in.signatureScheme()).isEqualTo("WX_SHA1");
        assertThat(in.urgency()).isEqualTo(Urgency.EMERGENCY);
        assertThat(in.dueAt()).isEqualTo(in.receivedAt().plus(Duration.ofHours(2)));
    }

    @Test
    @DisplayName("location: Location_X is the latitude, Location_Y the longitude, Label the address")
    void location() {
        Intake in = accepted("location.xml");
        assertThat(in.contentType()).isEqualTo(ContentType.LOCATION);
        assertThat(in.location().lat()).isEqualTo(23.134521);
        assertThat(in.location().lon()).isEqualTo(113.358803);
        assertThat(in.location().crs()).isEqualTo(Crs.GCJ02);
        assertThat(in.location().addressText()).isEqualTo("位置信息");
    }

    @Test
    @DisplayName("voice keeps the recognition text and the media id; image and link are normalized too")
    void mediaAndLinks() {
        Intake voice = accepted("voice.xml");
        assertThat(voice.contentType()).isEqualTo(ContentType.VOICE);
        assertThat(voice.content()).isEqualTo("腾讯微信团队");
        assertThat(voice.attachments()).singleElement().satisfies(x -> {
            assertThat(x.reference()).isEqualTo("wechat-media:media_id");
            assertThat(x.mime()).isEqualTo("audio/amr");
        });
        Intake image = accepted("image.xml");
        assertThat(image.contentType()).isEqualTo(ContentType.IMAGE);
        assertThat(image.attachments())
                .extracting(x -> x.reference())
                .containsExactly("wechat-media:img_media_1", "http://mmbiz.qpic.cn/abc"); // PicUrl outlives MediaId
        Intake link = accepted("link.xml");
        assertThat(link.contentType()).isEqualTo(ContentType.LINK);
        assertThat(link.title()).isEqualTo("小区违建情况说明");
        assertThat(link.content()).contains("https://mp.weixin.qq.com/s/abc");
        assertThat(link.requestType()).isEqualTo(RequestType.REPORT);
    }

    @Test
    @DisplayName("events (subscribe, CLICK) create no appeal and are acknowledged with success")
    void events() {
        assertThat(plain("event-subscribe.xml")).isInstanceOfSatisfying(AckOnly.class, a -> {
            assertThat(a.reason()).isEqualTo("event:subscribe");
            assertThat(a.reply().bodyText()).isEqualTo("success");
        });
        assertThat(plain("event-click.xml"))
                .isInstanceOfSatisfying(
                        AckOnly.class, a -> assertThat(a.reason()).isEqualTo("event:click"));
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource({
        "xxe-file.xml, 400, body",
        "xxe-network.xml, 400, body",
        "billion-laughs.xml, 400, body",
        "bad-truncated.xml, 400, body",
        "bad-root.xml, 400, body",
        "bad-createtime.xml, 400, CreateTime",
        "bad-no-from.xml, 400, FromUserName",
        "xinclude.xml, 400, ToUserName"
    })
    @DisplayName("hostile and malformed XML is refused with 400 naming the field, without reading any entity")
    void hostileXml(String fixture, int status, String field) {
        assertThat(plain(fixture)).isInstanceOfSatisfying(Rejected.class, r -> {
            assertThat(r.status()).isEqualTo(status);
            assertThat(r.field()).isEqualTo(field);
            assertThat(r.reply().bodyText()).doesNotContain("root:").doesNotContain("aaaaaaaaaa");
        });
    }

    @Test
    @DisplayName("an external entity pointing at a local listener never opens a connection")
    void xxeMakesNoConnection() throws IOException {
        try (ServerSocket listener = new ServerSocket(0)) {
            listener.setSoTimeout(300);
            String xml = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY x SYSTEM \"http://127.0.0.1:"
                    + listener.getLocalPort() + "/x\">]><xml><ToUserName>gh_1</ToUserName>"
                    + "<FromUserName>o</FromUserName>"
                    + "<CreateTime>1</CreateTime><MsgType>text</MsgType><Content>&x;</Content><MsgId>1</MsgId></xml>";
            assertThat(adapter.handle(Req.post("/wechat/push")
                            .query(PLAIN_QUERY)
                            .body(xml)
                            .build()))
                    .isInstanceOfSatisfying(
                            Rejected.class, r -> assertThat(r.status()).isEqualTo(400));
            boolean connected;
            try (var ignored = listener.accept()) {
                connected = true;
            } catch (SocketTimeoutException e) {
                connected = false;
            }
            assertThat(connected).as("the parser connected to the entity's URL").isFalse();
        }
    }

    @Test
    @DisplayName("signatures: bad signature 401, bad msg_signature 401, missing timestamp 400, stale 401")
    void signatures() {
        byte[] plainBody = Fixtures.bytes("wechat/plain-text.xml");
        assertRejected(
                adapter.handle(Req.post("/wechat/push")
                        .query(PLAIN_QUERY.replace("d2f0", "d2f1"))
                        .body(plainBody)
                        .build()),
                401,
                "signature");
        assertRejected(
                adapter.handle(Req.post("/wechat/push")
                        .query(SECURE_QUERY.replace("680e9a", "680e9b"))
                        .body(Fixtures.bytes("wechat/secure-text.xml"))
                        .build()),
                401,
                "msg_signature");
        assertRejected(
                adapter.handle(Req.post("/wechat/push")
                        .query("nonce=1&signature=x")
                        .body(plainBody)
                        .build()),
                400,
                "timestamp");
        WeChatAdapter strict = new WeChatAdapter(
                config(true, null, Duration.ofMinutes(5)),
                Fixtures.clockAt("2024-05-30T03:00:00Z"),
                Fixtures.ids(CLOCK),
                SlaPolicy.BEIJING,
                Fixtures.classifier());
        assertRejected(
                strict.handle(Req.post("/wechat/push")
                        .query(PLAIN_QUERY)
                        .body(plainBody)
                        .build()),
                401,
                "timestamp");
        // a forged request hears about its signature, whatever its clock says
        assertRejected(
                strict.handle(Req.post("/wechat/push")
                        .query(PLAIN_QUERY.replace("d2f0", "d2f1"))
                        .body(plainBody)
                        .build()),
                401,
                "signature");
    }

    @Test
    @DisplayName("plaintext and secure pushes carry a guard: timestamp and nonce bound to the whole body")
    void replayGuard() {
        byte[] plainBody = Fixtures.bytes("wechat/plain-text.xml");
        Accepted plain = (Accepted) adapter.handle(Req.post("/wechat/push")
                .query(PLAIN_QUERY)
                .header("Content-Type", "text/xml")
                .body(plainBody)
                .build());
        assertThat(plain.guard().client()).isEqualTo(ReplayGuard.PUSH);
        assertThat(plain.guard().nonce()).isEqualTo("1717034405:1498231765");
        assertThat(plain.guard().binding()).isEqualTo(Digests.sha256Hex(plainBody));
        assertThat(plain.guard().nonceTtl()).isEqualTo(Duration.ofMinutes(10));
        byte[] secureBody = Fixtures.bytes("wechat/secure-text.xml");
        Accepted secure = (Accepted) adapter.handle(
                Req.post("/wechat/push").query(SECURE_QUERY).body(secureBody).build());
        assertThat(secure.guard().nonce()).isEqualTo("1717034405:1498231765");
        assertThat(secure.guard().binding()).isEqualTo(Digests.sha256Hex(secureBody));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> config(true, null, Duration.ofHours(2)))
                .hasMessageStartingWith("channels.wechat.max-timestamp-age: ");
    }

    @Test
    @DisplayName("msg_signature alone (no encrypt_type, no plain signature) means secure mode")
    void secureWithoutEncryptType() {
        String query = "timestamp=1717034405&nonce=1498231765&msg_signature=680e9ade92e289821c4db2f07e778135b050f7fe";
        ChannelResult r = adapter.handle(Req.post("/wechat/push")
                .query(query)
                .body(Fixtures.bytes("wechat/secure-text.xml"))
                .build());
        assertThat(r)
                .isInstanceOfSatisfying(
                        Accepted.class,
                        a -> assertThat(a.intake().signatureScheme()).isEqualTo("WX_AES"));
    }

    @Test
    @DisplayName("compatible mode without an EncodingAESKey reads the plaintext copy; secure-only bodies are 403")
    void compatibleWithoutKey() {
        WeChatAdapter keyless = adapter(new WeChatConfig(TOKEN, null, null, null, true, null, 0, null));
        String compatible = Fixtures.text("wechat/plain-text.xml")
                .replace("</xml>", "<Encrypt><![CDATA[bm90LWRlY3J5cHRlZA==]]></Encrypt></xml>");
        ChannelResult r = keyless.handle(Req.post("/wechat/push")
                .query(SECURE_QUERY)
                .body(compatible.getBytes(StandardCharsets.UTF_8))
                .build());
        assertThat(r)
                .isInstanceOfSatisfying(
                        Accepted.class,
                        a -> assertThat(a.intake().signatureScheme()).isEqualTo("WX_SHA1"));
        assertRejected(
                keyless.handle(Req.post("/wechat/push")
                        .query(SECURE_QUERY)
                        .body(Fixtures.bytes("wechat/secure-text.xml"))
                        .build()),
                403,
                "encrypt_type");
        assertRejected(
                keyless.handle(Req.post("/wechat/push")
                        .query(SECURE_QUERY.replace("d2f0", "d2f1"))
                        .body(compatible.getBytes(StandardCharsets.UTF_8))
                        .build()),
                401,
                "signature");
    }

    @Test
    @DisplayName("a tampered Encrypt with a recomputed signature does not decrypt: 400 Encrypt (or 403 appid)")
    void tamperedCiphertext() {
        String xml = Fixtures.text("wechat/secure-text.xml");
        String encrypt = xml.substring(xml.indexOf("<Encrypt><![CDATA[") + 18, xml.indexOf("]]></Encrypt>"));
        char[] chars = encrypt.toCharArray();
        chars[40] = chars[40] == 'A' ? 'B' : 'A';
        chars[chars.length - 10] = chars[chars.length - 10] == 'A' ? 'B' : 'A';
        String tampered = new String(chars);
        String signature = WeChatCrypto.signature(TOKEN, "1717034405", "1498231765", tampered);
        ChannelResult r = adapter.handle(Req.post("/wechat/push")
                .query("timestamp=1717034405&nonce=1498231765" + "&encrypt_type=aes&msg_signature=" + signature)
                .body(xml.replace(encrypt, tampered))
                .build());
        assertThat(r)
                .isInstanceOfSatisfying(
                        Rejected.class, x -> assertThat(x.field()).isIn("Encrypt", "appid"));
    }

    @Test
    @DisplayName("policy: plaintext refused when secure mode is required (403); other account 403; 413; 415")
    void policy() {
        byte[] plainBody = Fixtures.bytes("wechat/plain-text.xml");
        assertRejected(
                adapter(config(false, null, null))
                        .handle(Req.post("/wechat/push")
                                .query(PLAIN_QUERY)
                                .body(plainBody)
                                .build()),
                403,
                "encrypt_type");
        assertRejected(
                adapter(config(true, "gh_other", null))
                        .handle(Req.post("/wechat/push")
                                .query(PLAIN_QUERY)
                                .body(plainBody)
                                .build()),
                403,
                "ToUserName");
        WeChatAdapter noKey = adapter(new WeChatConfig(TOKEN, null, null, null, true, null, 0, null));
        assertRejected(
                noKey.handle(Req.post("/wechat/push")
                        .query(SECURE_QUERY)
                        .body(Fixtures.bytes("wechat/secure-text.xml"))
                        .build()),
                403,
                "encrypt_type");
        WeChatAdapter small = adapter(new WeChatConfig(TOKEN, AES_KEY, APP_ID, null, true, null, 64, null));
        assertRejected(
                small.handle(Req.post("/wechat/push")
                        .query(PLAIN_QUERY)
                        .body(plainBody)
                        .build()),
                413,
                "body");
        assertRejected(
                adapter.handle(Req.post("/wechat/push")
                        .query(PLAIN_QUERY)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .body(plainBody)
                        .build()),
                415,
                "content-type");
        assertRejected(
                adapter.handle(Req.post("/wechat/push")
                        .query(PLAIN_QUERY)
                        .body(new byte[] {'<', 'x', 'm', 'l', '>', (byte) 0xC3, '<', '/', 'x', 'm', 'l', '>'})
                        .build()),
                400,
                "body");
    }

    @Test
    @DisplayName("configuration: secrets never appear in toString; secure mode without an appid is refused")
    void config() {
        assertThat(config(true, null, null).toString()).doesNotContain(TOKEN).doesNotContain(AES_KEY);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new WeChatConfig(TOKEN, AES_KEY, null, null, true, null, 0, null))
                .hasMessageContaining("appId");
    }

    private static void assertRejected(ChannelResult r, int status, String field) {
        assertThat(r).isInstanceOfSatisfying(Rejected.class, x -> {
            assertThat(x.status()).isEqualTo(status);
            assertThat(x.field()).isEqualTo(field);
        });
    }
}
