package cn.jiesu.gateway.channels;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.channels.Digests;
import cn.jiesu.channels.wechat.WeChatCrypto;
import cn.jiesu.core.intake.Channel;
import cn.jiesu.core.intake.ContentType;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.intake.Urgency;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** WeChat official-account push through HTTP: URL verification, plaintext and secure mode, dedupe, XXE. */
class WeChatIT {
    private static final AtomicLong MSG_ID = new AtomicLong(24583016739000000L + (long) (Math.random() * 1e9));

    @RegisterExtension
    static final ChannelGateway gw = ChannelGateway.perClass(Map.of());
    /**
     * As shipped, on a clock that runs from the spec's fixtures' time (signed at 1717034405 and 1717034500): the
     * timestamp window is always on.
     */
    @RegisterExtension
    static final ChannelGateway in2024 =
            ChannelGateway.perClass(Map.of(), ChannelGateway.runningFrom(Instant.ofEpochSecond(1717034450)));

    private static final String SECURE_TEXT_QUERY = "timestamp=1717034405&nonce=1498231765"
            + "&openid=oR5Gk6ZcX1aYbQ2Pq3wE4rT5yU6i&encrypt_type=aes&signature=d2f0caf083fdb886b3f1759cf1879a96572046b6"
            + "&msg_signature=680e9ade92e289821c4db2f07e778135b050f7fe";

    private HttpResponse<Buffer> post(String query, byte[] body) {
        return post(gw, query, body);
    }

    private static HttpResponse<Buffer> post(ChannelGateway to, String query, byte[] body) {
        return to.http
                .post(to.port(), "127.0.0.1", "/channels/wechat?" + query)
                .putHeader("content-type", "text/xml")
                .sendBuffer(Buffer.buffer(body))
                .await();
    }

    private static String text(String from, long msgId, String content) {
        return "<xml><ToUserName><![CDATA[" + ChannelGateway.WECHAT_ACCOUNT + "]]></ToUserName><FromUserName><![CDATA["
                + from + "]]></FromUserName><CreateTime>" + System.currentTimeMillis() / 1000
                + "</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[" + content
                + "]]></Content><MsgId>" + msgId + "</MsgId></xml>";
    }

    private static List<Intake> from(String openid) {
        return gw.intakes().stream()
                .filter(i -> openid.equals(i.citizen().channelUserId()))
                .toList();
    }

    @Test
    @DisplayName("URL verification echoes echostr only with a good signature")
    void handshake() {
        long ts = System.currentTimeMillis() / 1000;
        HttpResponse<Buffer> ok = gw.http
                .get(
                        gw.port(),
                        "127.0.0.1",
                        "/channels/wechat?" + Signers.wechatQuery(ts, "1514711492") + "&echostr=4375120948345356249")
                .send()
                .await();
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.bodyAsString()).isEqualTo("4375120948345356249");
        HttpResponse<Buffer> bad = gw.http
                .get(
                        gw.port(),
                        "127.0.0.1",
                        "/channels/wechat?signature="
                                + Digests.sortedSha1Hex("AAAAA", Long.toString(ts), "1") + "&timestamp=" + ts
                                + "&nonce=1&echostr=4375120948345356249")
                .send()
                .await();
        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(bad.bodyAsString()).doesNotContain("4375120948345356249");
    }

    @Test
    @DisplayName("a plaintext text message is answered 'success' once stored; a retried MsgId makes no second appeal")
    void plaintext() {
        String openid = "oPlain" + MSG_ID.get();
        long msgId = MSG_ID.incrementAndGet();
        byte[] body = Signers.utf8(text(openid, msgId, "小区门口井盖缺失，很危险"));
        String query = Signers.wechatQuery(System.currentTimeMillis() / 1000, "77312544");
        for (int i = 0; i < 3; i++) {
            HttpResponse<Buffer> r = post(query, body);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.bodyAsString()).isEqualTo("success");
        }
        List<Intake> stored = from(openid);
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).channel()).isEqualTo(Channel.WECHAT);
        assertThat(stored.get(0).channelMessageId()).isEqualTo(Long.toString(msgId));
        assertThat(stored.get(0).signatureScheme()).isEqualTo("WX_SHA1");

        byte[] event = Signers.utf8("<xml><ToUserName><![CDATA[" + ChannelGateway.WECHAT_ACCOUNT
                + "]]></ToUserName><FromUserName><![CDATA[" + openid + "]]></FromUserName><CreateTime>1717034405"
                + "</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[subscribe]]></Event></xml>");
        assertThat(post(query, event).bodyAsString()).isEqualTo("success");
        assertThat(from(openid)).hasSize(1);
    }

    @Test
    @DisplayName("secure mode: the spec's fixtures (one with a 32-byte pad) decrypt and are stored with plaintext")
    void secureFixturePad32() {
        String query = "timestamp=1717034500&nonce=77312544&openid=oR5Gk6ZcX1aYbQ2Pq3wE4rT5yU6i&encrypt_type=aes"
                + "&signature=" + Digests.sortedSha1Hex(ChannelGateway.WECHAT_TOKEN, "1717034500", "77312544")
                + "&msg_signature=29ffdf017beb737e5a38468f80a5c9afaa548aaf";
        byte[] body = ChannelGateway.fixture("secure-pad32.xml");
        HttpResponse<Buffer> r = post(in2024, query, body);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.bodyAsString()).isEqualTo("success");
        Intake in = in2024.intakes().stream()
                .filter(i -> "24583016739012846".equals(i.channelMessageId()))
                .findFirst()
                .orElseThrow();
        assertThat(in.content()).isEqualTo("路灯不亮!!!!!");
        assertThat(in.signatureScheme()).isEqualTo("WX_AES");
        var raw = in2024.raw(in.rawRef()).orElseThrow();
        assertThat(raw.body()).isEqualTo(body);
        assertThat(new String(raw.decrypted(), StandardCharsets.UTF_8)).contains("<MsgId>24583016739012846</MsgId>");

        HttpResponse<Buffer> tampered = post(in2024, query.replace("29ffdf01", "29ffdf02"), body);
        assertThat(tampered.statusCode()).isEqualTo(401);
        assertThat(tampered.bodyAsJsonObject().getJsonObject("error").getString("field"))
                .isEqualTo("msg_signature");

        assertThat(post(in2024, SECURE_TEXT_QUERY, ChannelGateway.fixture("secure-text.xml"))
                        .bodyAsString())
                .isEqualTo("success");
        Intake text = in2024.intakes().stream()
                .filter(i -> "24583016739012845".equals(i.channelMessageId()))
                .findFirst()
                .orElseThrow();
        assertThat(text.content()).startsWith("朝阳区望京街道阜通东大街6号院3号楼从昨晚起停水");
        assertThat(text.urgency()).isEqualTo(Urgency.IMMEDIATE);
    }

    @Test
    @DisplayName("replay: a year-old signed query is 401; a retry dedupes; the same query with another body is 401")
    void replay() {
        // The spec's secure fixture verifies on a clock of its time (above), but not years later.
        HttpResponse<Buffer> old = post(SECURE_TEXT_QUERY, ChannelGateway.fixture("secure-text.xml"));
        assertThat(old.statusCode()).isEqualTo(401);
        assertThat(old.bodyAsJsonObject().getJsonObject("error").getString("field"))
                .isEqualTo("timestamp");
        assertThat(gw.intakes()).noneMatch(i -> "24583016739012845".equals(i.channelMessageId()));

        String openid = "oReplay" + MSG_ID.get();
        byte[] body = Signers.utf8(text(openid, MSG_ID.incrementAndGet(), "小区门口井盖缺失"));
        String query = Signers.wechatQuery(System.currentTimeMillis() / 1000, "60606060");
        for (int i = 0; i < 3; i++) { // WeChat's retries: same query, same body
            assertThat(post(query, body).bodyAsString()).isEqualTo("success");
        }
        assertThat(from(openid)).hasSize(1);
        // Captured: the plaintext signature covers timestamp and nonce only; a new MsgId and text must not append.
        HttpResponse<Buffer> forged = post(query, Signers.utf8(text(openid, MSG_ID.incrementAndGet(), "伪造的诉求")));
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.bodyAsJsonObject().getJsonObject("error").getString("field"))
                .isEqualTo("nonce");
        assertThat(forged.bodyAsJsonObject().getJsonObject("error").getString("code"))
                .isEqualTo("nonce_reused");
        assertThat(from(openid)).extracting(Intake::content).containsExactly("小区门口井盖缺失");
    }

    @Test
    @DisplayName("secure mode on the fixtures' clock: the same query and Encrypt in another body is 401")
    void secureReplay() {
        byte[] body = ChannelGateway.fixture("secure-text.xml");
        String xml = new String(body, StandardCharsets.UTF_8);
        assertThat(post(in2024, SECURE_TEXT_QUERY, body).bodyAsString()).isEqualTo("success");
        // msg_signature covers Encrypt, not the rest of the body: the body is remembered whole all the same.
        byte[] altered = Signers.utf8(xml.replace("</xml>", "<AgentID>1</AgentID></xml>"));
        assertThat(altered).isNotEqualTo(body);
        HttpResponse<Buffer> r = post(in2024, SECURE_TEXT_QUERY, altered);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.bodyAsJsonObject().getJsonObject("error").getString("field"))
                .isEqualTo("nonce");
        assertThat(post(in2024, SECURE_TEXT_QUERY, body).bodyAsString()).isEqualTo("success"); // the retry
    }

    @Test
    @DisplayName(
            "secure mode is told by msg_signature alone (no encrypt_type, no plain signature), also on /wechat/push")
    void secureWithoutEncryptType() {
        String query = "timestamp=1717034405&nonce=1498231765&openid=oR5Gk6ZcX1aYbQ2Pq3wE4rT5yU6i"
                + "&msg_signature=680e9ade92e289821c4db2f07e778135b050f7fe";
        byte[] body = ChannelGateway.fixture("secure-text.xml");
        for (String path : List.of("/channels/wechat?", "/wechat/push?")) {
            HttpResponse<Buffer> r = in2024.http
                    .post(in2024.port(), "127.0.0.1", path + query)
                    .putHeader("content-type", "text/xml")
                    .sendBuffer(Buffer.buffer(body))
                    .await();
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.bodyAsString()).isEqualTo("success");
        }
        assertThat(in2024.intakes().stream().filter(i -> "24583016739012845".equals(i.channelMessageId())))
                .hasSize(1);
        HttpResponse<Buffer> forged = post(in2024, query.replace("680e9ade", "680e9adf"), body);
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.bodyAsJsonObject().getJsonObject("error").getString("field"))
                .isEqualTo("msg_signature");
    }

    @Test
    @DisplayName("secure mode: a fresh message whose plaintext needs a full 32-byte pad decrypts")
    void secureFreshPad32() throws Exception {
        WeChatCrypto crypto = new WeChatCrypto(ChannelGateway.WECHAT_AES_KEY, ChannelGateway.WECHAT_APP_ID);
        String openid = "oSecure" + MSG_ID.get();
        String xml = null;
        for (int extra = 0; extra < 32; extra++) { // grow the text until 20 + msg + appid is a multiple of 32
            String candidate = text(openid, MSG_ID.incrementAndGet(), "小区暖气不热，室温只有十四度" + "!".repeat(extra));
            int len = 20 + candidate.getBytes(StandardCharsets.UTF_8).length + ChannelGateway.WECHAT_APP_ID.length();
            if (len % 32 == 0) {
                xml = candidate;
                break;
            }
        }
        String encrypt = crypto.encrypt(xml, "0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
        assertThat(lastPlainByte(encrypt)).isEqualTo(32);
        String ts = Long.toString(System.currentTimeMillis() / 1000);
        String query = "timestamp=" + ts + "&nonce=5150&encrypt_type=aes&msg_signature="
                + WeChatCrypto.signature(ChannelGateway.WECHAT_TOKEN, ts, "5150", encrypt);
        HttpResponse<Buffer> r = post(
                query,
                Signers.utf8("<xml><ToUserName><![CDATA["
                        + ChannelGateway.WECHAT_ACCOUNT + "]]></ToUserName><Encrypt><![CDATA[" + encrypt
                        + "]]></Encrypt></xml>"));
        assertThat(r.statusCode()).isEqualTo(200);
        List<Intake> stored = from(openid);
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).urgency()).isEqualTo(Urgency.IMMEDIATE);
        assertThat(stored.get(0).contentType()).isEqualTo(ContentType.TEXT);
    }

    @Test
    @DisplayName("mini program JSON pushes: plaintext and secure mode become appeals, MsgId (a JSON number) dedupes")
    void miniProgramJson() {
        String openid = "oMini" + MSG_ID.get();
        long msgId = MSG_ID.incrementAndGet();
        long now = System.currentTimeMillis() / 1000;
        // The spec's example shape: MsgId and CreateTime are JSON numbers.
        String json = "{\"ToUserName\":\"" + ChannelGateway.WECHAT_ACCOUNT + "\",\"FromUserName\":\"" + openid
                + "\",\"CreateTime\":" + now + ",\"MsgType\":\"text\",\"Content\":\"我要反映小区噪音扰民，"
                + "夜里施工到两点\",\"MsgId\":" + msgId + "}";
        String query = Signers.wechatQuery(now, "486452656");
        for (int i = 0; i < 2; i++) {
            HttpResponse<Buffer> r = gw.http
                    .post(gw.port(), "127.0.0.1", "/channels/wechat?" + query)
                    .putHeader("content-type", "application/json")
                    .sendBuffer(Buffer.buffer(json))
                    .await();
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.bodyAsString()).isEqualTo("success");
        }
        List<Intake> stored = from(openid);
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).channelMessageId()).isEqualTo(Long.toString(msgId));
        assertThat(stored.get(0).content()).isEqualTo("我要反映小区噪音扰民，夜里施工到两点");
        assertThat(stored.get(0).occurredAt().getEpochSecond()).isEqualTo(now);

        // Secure JSON mode: {"ToUserName", "Encrypt"}, the plaintext a JSON message, the same crypto as XML.
        WeChatCrypto crypto = new WeChatCrypto(ChannelGateway.WECHAT_AES_KEY, ChannelGateway.WECHAT_APP_ID);
        String secureId = "oMiniAes" + MSG_ID.get();
        long secureMsg = MSG_ID.incrementAndGet();
        String plain = "{\"ToUserName\":\"" + ChannelGateway.WECHAT_ACCOUNT + "\",\"FromUserName\":\"" + secureId
                + "\",\"CreateTime\":" + now + ",\"MsgType\":\"text\",\"Content\":\"小区停水一整天了\","
                + "\"MsgId\":" + secureMsg + "}";
        String encrypt = crypto.encrypt(plain, "0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
        String ts = Long.toString(now);
        String secureQuery = "timestamp=" + ts + "&nonce=4242&encrypt_type=aes&msg_signature="
                + WeChatCrypto.signature(ChannelGateway.WECHAT_TOKEN, ts, "4242", encrypt);
        HttpResponse<Buffer> r = gw.http
                .post(gw.port(), "127.0.0.1", "/channels/wechat?" + secureQuery)
                .putHeader("content-type", "application/json")
                .sendBuffer(Buffer.buffer(
                        "{\"ToUserName\":\"" + ChannelGateway.WECHAT_ACCOUNT + "\",\"Encrypt\":\"" + encrypt + "\"}"))
                .await();
        assertThat(r.statusCode()).isEqualTo(200);
        List<Intake> secure = from(secureId);
        assertThat(secure).hasSize(1);
        assertThat(secure.get(0).signatureScheme()).isEqualTo("WX_AES");
        assertThat(secure.get(0).urgency()).isEqualTo(Urgency.IMMEDIATE);

        // Malformed JSON is a 400 naming the body, like malformed XML.
        HttpResponse<Buffer> bad = gw.http
                .post(gw.port(), "127.0.0.1", "/channels/wechat?" + query)
                .putHeader("content-type", "application/json")
                .sendBuffer(Buffer.buffer("{\"ToUserName\":"))
                .await();
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.bodyAsJsonObject().getJsonObject("error").getString("field"))
                .isEqualTo("body");
    }

    @Test
    @DisplayName("XXE, entity expansion and truncated XML are refused with 400 and leak nothing")
    void hostileXml() {
        String query = Signers.wechatQuery(System.currentTimeMillis() / 1000, "1");
        for (String f : List.of("xxe-file.xml", "billion-laughs.xml")) {
            HttpResponse<Buffer> r = post(query, ChannelGateway.fixture(f));
            assertThat(r.statusCode()).as(f).isEqualTo(400);
            assertThat(r.bodyAsString()).doesNotContain("root:");
        }
        HttpResponse<Buffer> truncated = post(query, Signers.utf8("<xml><ToUserName><![CDATA[gh_3a5b"));
        assertThat(truncated.statusCode()).isEqualTo(400);
        HttpResponse<Buffer> json = gw.http
                .post(gw.port(), "127.0.0.1", "/channels/wechat?" + query)
                .putHeader("content-type", "application/json")
                .sendBuffer(Buffer.buffer("{}"))
                .await();
        assertThat(json.statusCode()).isEqualTo(400); // a mini program's JSON without its fields
        assertThat(json.bodyAsJsonObject().getJsonObject("error").getString("field"))
                .isEqualTo("ToUserName");
        HttpResponse<Buffer> form = gw.http
                .post(gw.port(), "127.0.0.1", "/channels/wechat?" + query)
                .putHeader("content-type", "application/x-www-form-urlencoded")
                .sendBuffer(Buffer.buffer("a=b"))
                .await();
        assertThat(form.statusCode()).isEqualTo(415);
        assertThat(gw.intakes()).noneMatch(i -> "oAttacker".equals(i.citizen().channelUserId()));
    }

    /** The last byte of the decrypted, still padded plaintext: the PKCS#7 pad length. */
    private static int lastPlainByte(String encrypt) throws Exception {
        byte[] key = Base64.getDecoder().decode(ChannelGateway.WECHAT_AES_KEY + "=");
        Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
        c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(Arrays.copyOf(key, 16)));
        byte[] plain = c.doFinal(Base64.getDecoder().decode(encrypt));
        return plain[plain.length - 1] & 0xFF;
    }
}
