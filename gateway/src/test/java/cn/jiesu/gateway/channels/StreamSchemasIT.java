package cn.jiesu.gateway.channels;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.channels.FormData;
import cn.jiesu.core.intake.IntakeCodec;
import cn.jiesu.gateway.support.StreamSchema;
import cn.jiesu.gateway.support.TestServices;
import cn.jiesu.gateway.support.WebFormSession;
import cn.jiesu.redis.StreamKeys;
import io.lettuce.core.Range;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The streams' JSON Schemas (docs/schemas/) against real entries. The intake stream: appeals from every HTTP channel, in each kind of message
 * they carry (text, place, media, voice, link, form), appended by the gateway to the real Redis and read back with
 * XRANGE as a consumer sees them (PhoneAppealIT holds the phone's entries to the same schema). The appeal events: a
 * triage decision over the case API and an enrichment as the console's form makes it.
 */
class StreamSchemasIT {
    private static final SecureRandom RANDOM = new SecureRandom();

    @RegisterExtension
    static final ChannelGateway gw = ChannelGateway.perClass(Map.of());

    @Test
    @DisplayName("every channel's appeals, as stream entries, conform to docs/schemas/intake-entry.v1.json")
    void everyChannelConforms() {
        weibo();
        wechat();
        app();
        webForm();
        open311();

        List<Map<String, String>> entries = gw
                .redis
                .shared()
                .sync()
                .xrange(new StreamKeys(gw.config.redis().keyPrefix()).intakeStream(), Range.create("-", "+"))
                .stream()
                .map(m -> m.getBody())
                .toList();
        List<String> problems = new ArrayList<>();
        Set<String> channels = new TreeSet<>();
        Set<String> contentTypes = new TreeSet<>();
        for (Map<String, String> e : entries) {
            problems.addAll(StreamSchema.INTAKE_ENTRY.problems(e));
            channels.add(e.get("channel"));
            contentTypes.add(e.get("contentType"));
            assertThat(e.get(IntakeCodec.SCHEMA)).isEqualTo(IntakeCodec.SCHEMA_VERSION);
        }
        System.out.println("intake schema: " + entries.size() + " entries, channels " + channels + ", content types "
                + contentTypes);
        assertThat(problems).isEmpty();
        assertThat(channels).containsExactlyInAnyOrder("WEIBO", "WECHAT", "APP", "WEB", "OPEN311");
        assertThat(contentTypes).contains("TEXT", "LOCATION", "IMAGE", "VOICE", "LINK", "FORM");
        // Every channel's address, whatever its field, is placed by the gazetteer at intake, and the triage topics
        // travel with the entry: the app API, the web form and Open311 all name 望京 in 朝阳区, about lights.
        for (String channel : List.of("APP", "WEB", "OPEN311")) {
            Map<String, String> e = entries.stream()
                    .filter(x -> channel.equals(x.get("channel")))
                    .findFirst()
                    .orElseThrow();
            assertThat(e).as(channel).containsEntry("place.district", "朝阳区").containsEntry("place.street", "望京街道");
            assertThat(Double.parseDouble(e.get("place.confidence")))
                    .as(channel)
                    .isBetween(0.5, 1.0);
        }
        assertThat(entries.stream()
                        .filter(x -> List.of("APP", "WEB").contains(x.get("channel")))
                        .map(x -> x.get("triage.topics")))
                .allSatisfy(t -> assertThat(t).contains("lighting"));
        // The schema is no rubber stamp: an entry with a field it does not know, or a bad tier, is refused.
        Map<String, String> first = new java.util.HashMap<>(entries.get(0));
        first.put("urgency", "SOON");
        first.put("surprise", "x");
        assertThat(StreamSchema.INTAKE_ENTRY.problems(first)).hasSize(2);
    }

    @Test
    @DisplayName("appeal events of both kinds conform to docs/schemas/appeal-event.v1.json")
    void appealEventsConform() {
        String body = "{\"description\":\"望京西园三区路灯不亮\",\"phone\":\"13800138000\"}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String id = Signers.signApp(gw.http.post(gw.port(), "127.0.0.1", "/api/v1/appeals"), "/api/v1/appeals", bytes)
                .sendBuffer(Buffer.buffer(bytes))
                .await()
                .bodyAsJsonObject()
                .getString("intakeId");
        HttpResponse<Buffer> triage = gw.http
                .post(gw.port(), "127.0.0.1", "/api/v1/intakes/" + id + "/triage")
                .putHeader("authorization", "Bearer " + TestServices.API_TOKEN)
                .putHeader("content-type", "application/json")
                .sendBuffer(Buffer.buffer("{\"urgency\":\"IMMEDIATE\",\"requestType\":\"HELP\",\"by\":\"8001\"}"))
                .await();
        assertThat(triage.statusCode()).as(triage.bodyAsString()).isEqualTo(200);
        assertThat(gw.store
                        .enrich(id, Map.of("content", "路灯不亮，晚上很黑", "requestType", "COMPLAINT"))
                        .toCompletableFuture()
                        .join())
                .isTrue();

        List<Map<String, String>> events = gw
                .redis
                .shared()
                .sync()
                .xrange(new StreamKeys(gw.config.redis().keyPrefix()).appealEvents(), Range.create("-", "+"))
                .stream()
                .map(m -> m.getBody())
                .toList();
        assertThat(events).extracting(e -> e.get("type")).contains("triage-confirmed", "enriched");
        assertThat(events.stream().flatMap(e -> StreamSchema.APPEAL_EVENT.problems(e).stream()))
                .isEmpty();
        Map<String, String> wrong = new java.util.HashMap<>(events.get(0));
        wrong.put("type", "deleted");
        assertThat(StreamSchema.APPEAL_EVENT.problems(wrong)).isNotEmpty();
    }

    private void weibo() {
        long sender = 2_000_000_000L + RANDOM.nextInt(100_000_000);
        List<JsonObject> pushes = List.of(
                push("text", sender).put("text", "望京西园三区垃圾站三天没清运了，味道很大，请处理。"),
                push("position", sender)
                        .put("text", "这里井盖丢了")
                        .put(
                                "data",
                                new JsonObject().put("longitude", "116.480623").put("latitude", "39.996542")),
                push("image", sender).put("data", new JsonObject().put("tovfid", "v" + UUID.randomUUID())),
                push("voice", sender).put("data", new JsonObject().put("tovfid", "v" + UUID.randomUUID())));
        for (JsonObject p : pushes) {
            post("/channels/weibo?" + Signers.weiboQuery(), "application/json", p.encode(), 200);
        }
    }

    private static JsonObject push(String type, long sender) {
        return new JsonObject()
                .put("type", type)
                .put("receiver_id", Long.parseLong(ChannelGateway.WEIBO_RECEIVER))
                .put("sender_id", sender)
                .put("created_at", "Thu May 30 10:00:05 +0800 2024")
                .put("data", new JsonObject());
    }

    private void wechat() {
        String from = "oR5Gk6ZcX1aYbQ2Pq3wE" + Integer.toString(RANDOM.nextInt(1 << 30), 36);
        List<String> bodies = List.of(
                "<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[小区门口井盖缺失，很危险]]></Content>",
                "<MsgType><![CDATA[location]]></MsgType><Location_X>39.996542</Location_X><Location_Y>116.480623"
                        + "</Location_Y><Scale>15</Scale><Label><![CDATA[北京市朝阳区望京西园三区]]></Label>",
                "<MsgType><![CDATA[image]]></MsgType><PicUrl><![CDATA[http://mmbiz.qpic.cn/x.jpg]]></PicUrl>"
                        + "<MediaId><![CDATA[media-" + UUID.randomUUID() + "]]></MediaId>",
                "<MsgType><![CDATA[voice]]></MsgType><MediaId><![CDATA[media-" + UUID.randomUUID()
                        + "]]></MediaId><Format><![CDATA[amr]]></Format><Recognition><![CDATA[路灯不亮了]]>"
                        + "</Recognition>",
                "<MsgType><![CDATA[link]]></MsgType><Title><![CDATA[噪音扰民]]></Title><Description><![CDATA[工地"
                        + "夜间施工]]></Description><Url><![CDATA[https://mp.weixin.qq.com/s/abc]]></Url>");
        long ts = System.currentTimeMillis() / 1000;
        for (String b : bodies) {
            String xml = "<xml><ToUserName><![CDATA[" + ChannelGateway.WECHAT_ACCOUNT + "]]></ToUserName>"
                    + "<FromUserName><![CDATA[" + from + "]]></FromUserName><CreateTime>" + ts + "</CreateTime>" + b
                    + "<MsgId>" + (System.nanoTime() & Long.MAX_VALUE) + "</MsgId></xml>";
            post(
                    "/channels/wechat?" + Signers.wechatQuery(ts, Integer.toString(RANDOM.nextInt(1_000_000_000))),
                    "text/xml",
                    xml,
                    200);
        }
    }

    private void app() {
        String body = new JsonObject()
                .put("description", "望京西园三区路灯不亮 " + UUID.randomUUID())
                .put("title", "路灯")
                .put("category", "投诉")
                .put("serviceCode", "0301")
                .put("address", "朝阳区望京西园三区")
                .put("lat", 39.996542)
                .put("lon", 116.480623)
                .put("crs", "GCJ02")
                .put("phone", "13800138000")
                .put("name", "李明")
                .put("email", "li.ming@example.cn")
                .put("confidential", true)
                .put("callbackRequested", true)
                .put("userId", "u-" + RANDOM.nextInt(1_000_000))
                .put("occurredAt", "2026-12-01T08:00:00+08:00")
                .put(
                        "media",
                        new JsonArray()
                                .add(new JsonObject().put("kind", "IMAGE").put("url", "https://img.example.cn/a.jpg")))
                .encode();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpResponse<Buffer> r = Signers.signApp(
                        gw.http.post(gw.port(), "127.0.0.1", "/api/v1/appeals"), "/api/v1/appeals", bytes)
                .sendBuffer(Buffer.buffer(bytes))
                .await();
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    }

    private void webForm() {
        HttpResponse<Buffer> page =
                gw.http.get(gw.port(), "127.0.0.1", "/appeal").send().await();
        WebFormSession session = WebFormSession.of(page);
        String cookie = session.cookie();
        String form = "csrf_token=" + FormData.encode(session.token()) + "&category=0301&request_type=COMPLAINT"
                + "&description=" + FormData.encode("楼道灯坏了一周 " + UUID.randomUUID()) + "&address="
                + FormData.encode("朝阳区望京西园三区") + "&phone=13800138000&callback=on&name="
                + FormData.encode("王") + "&confidential=on";
        HttpResponse<Buffer> r = gw.http
                .post(gw.port(), "127.0.0.1", "/appeal")
                .putHeader("content-type", "application/x-www-form-urlencoded")
                .putHeader("cookie", cookie)
                .putHeader("accept", "text/html")
                .sendBuffer(Buffer.buffer(form))
                .await();
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(303);
    }

    private void open311() {
        String form = "api_key=" + ChannelGateway.OPEN311_KEY + "&service_code=0301&lat=39.996542&long=116.480623"
                + "&address_string=" + FormData.encode("北京市朝阳区望京街道阜通东大街6号院3号楼") + "&description="
                + FormData.encode("楼道照明灯已损坏一周 " + UUID.randomUUID()) + "&phone=13800138000&first_name="
                + FormData.encode("明") + "&last_name=" + FormData.encode("李") + "&email=li%40example.cn"
                + "&media_url=" + FormData.encode("https://upload.example.gov.cn/m/abc123.jpg")
                + "&attribute%5BREQTYPE%5D=COMPLAINT&attribute%5BFLOOR%5D=3";
        post("/open311/v2/requests.json", "application/x-www-form-urlencoded", form, 200);
    }

    private void post(String path, String type, String body, int expected) {
        HttpResponse<Buffer> r = gw.http
                .post(gw.port(), "127.0.0.1", path)
                .putHeader("content-type", type)
                .sendBuffer(Buffer.buffer(body))
                .await();
        assertThat(r.statusCode()).as(path + " " + r.bodyAsString()).isEqualTo(expected);
    }
}
