package cn.jiesu.gateway.channels;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /api/v1/intakes} for operators: a citizen's appeals by channel account (with the identities bound to
 * it), by text, paged; behind the API token; bad parameters are 400s naming the field.
 */
class IntakeSearchIT {
    private static final String API_TOKEN = "api-token-for-search-0001";

    @RegisterExtension
    static final ChannelGateway gw = ChannelGateway.perClass(Map.of("JIESU_ADMIN_API_TOKEN", API_TOKEN));

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static long weiboUid() {
        return 3_000_000_000L + (long) (Math.random() * 1e9);
    }

    private static void weibo(long uid, String text) {
        JsonObject message = new JsonObject()
                .put("type", "text")
                .put("receiver_id", 1902538057L)
                .put("sender_id", uid)
                .put("created_at", "Thu May 30 10:00:05 +0800 2024")
                .put("text", text)
                .put("data", new JsonObject());
        HttpResponse<Buffer> r = gw.http
                .post(gw.port(), "127.0.0.1", "/channels/weibo?" + Signers.weiboQuery())
                .putHeader("content-type", "application/json")
                .sendBuffer(Buffer.buffer(message.encode()))
                .await();
        assertThat(r.statusCode()).isEqualTo(200);
    }

    private static String app(JsonObject body) {
        byte[] bytes = Signers.utf8(body.encode());
        HttpResponse<Buffer> r = Signers.signApp(
                        gw.http.post(gw.port(), "127.0.0.1", "/api/v1/appeals"), "/api/v1/appeals", bytes)
                .sendBuffer(Buffer.buffer(bytes))
                .await();
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
        return r.bodyAsJsonObject().getString("intakeId");
    }

    private static HttpResponse<Buffer> get(String pathAndQuery) {
        return gw.http
                .get(gw.port(), "127.0.0.1", pathAndQuery)
                .putHeader("Authorization", "Bearer " + API_TOKEN)
                .send()
                .await();
    }

    private static JsonObject ok(String pathAndQuery) {
        HttpResponse<Buffer> r = get(pathAndQuery);
        assertThat(r.statusCode()).as(pathAndQuery + " " + r.bodyAsString()).isEqualTo(200);
        return r.bodyAsJsonObject();
    }

    private static List<String> contents(JsonObject page) {
        return page.getJsonArray("items").stream()
                .map(o -> ((JsonObject) o).getString("content"))
                .toList();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("by Weibo uid (prefixed or bare with channel=) with the appeals of a bound phone, newest first")
    void byChannelAccountWithBindings() throws InterruptedException {
        long uid = weiboUid();
        String phone = "139" + (10_000_000 + (int) (Math.random() * 89_999_999));
        String tag = unique();
        weibo(uid, "阜通东大街路灯不亮 " + tag + " 1");
        app(new JsonObject()
                .put("description", "电话绑定的诉求 " + tag)
                .put("phone", phone)
                .put("userId", "u-" + tag));
        weibo(uid, "阜通东大街井盖丢了 " + tag + " 2");

        JsonObject alone = ok("/api/v1/intakes?channelUserId=WEIBO:" + uid);
        assertThat(contents(alone)).containsExactly("阜通东大街井盖丢了 " + tag + " 2", "阜通东大街路灯不亮 " + tag + " 1");
        assertThat(alone.getString("channelUserId")).isEqualTo("WEIBO:" + uid);
        assertThat(alone.getInteger("count")).isEqualTo(2);
        assertThat(alone.getValue("nextCursor")).isNull();

        HttpResponse<Buffer> bound = gw.http
                .post(gw.port(), "127.0.0.1", "/api/v1/citizen-bindings")
                .putHeader("Authorization", "Bearer " + ChannelGateway.ADMIN_TOKEN)
                .sendJsonObject(new JsonObject().put("a", "WEIBO:" + uid).put("b", "phone:" + phone))
                .await();
        assertThat(bound.statusCode()).isEqualTo(200);

        JsonObject withBound = ok("/api/v1/intakes?channelUserId=WEIBO:" + uid);
        assertThat(contents(withBound))
                .containsExactly("阜通东大街井盖丢了 " + tag + " 2", "电话绑定的诉求 " + tag, "阜通东大街路灯不亮 " + tag + " 1");
        assertThat(withBound.getJsonArray("identities").getList()).containsExactly("WEIBO:" + uid, "phone:" + phone);
        JsonObject bare = ok("/api/v1/intakes?channelUserId=" + uid + "&channel=weibo");
        assertThat(contents(bare)).isEqualTo(contents(withBound));
        assertThat(contents(ok("/api/v1/intakes?channelUserId=APP:u-" + tag))).containsExactly("电话绑定的诉求 " + tag);
        assertThat(contents(ok("/api/v1/intakes?channelUserId=u-" + tag + "&channel=APP")))
                .containsExactly("电话绑定的诉求 " + tag);

        // the items have the shape of GET /api/v1/intakes/{id}
        JsonObject first = withBound.getJsonArray("items").getJsonObject(0);
        JsonObject byId = ok("/api/v1/intakes/" + first.getString("intakeId"));
        assertThat(first.fieldNames()).isEqualTo(byId.fieldNames());
        assertThat(first.getString("appealNo")).isEqualTo(byId.getString("appealNo"));
        assertThat(first.getString("content")).isEqualTo(byId.getString("content"));
        // and with text as a further filter
        assertThat(contents(ok("/api/v1/intakes?channelUserId=WEIBO:" + uid + "&q=" + enc("井盖"))))
                .containsExactly("阜通东大街井盖丢了 " + tag + " 2");
    }

    @Test
    @DisplayName("by text: words ANDed, case and width folded, paged with limit and cursor, no repeats")
    void byTextPaged() {
        String tag = "词" + unique();
        List<String> posted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String text = "望京ＳＯＨＯ停车场 " + tag + " 第" + i + "条";
            app(new JsonObject().put("description", text));
            posted.add(0, text);
        }
        app(new JsonObject().put("description", "别的事情 " + tag));

        List<String> seen = new ArrayList<>();
        String url = "/api/v1/intakes?limit=2&q=" + enc("soho " + tag);
        JsonObject page = ok(url);
        assertThat(page.getString("q")).isEqualTo("soho " + tag);
        while (true) {
            assertThat(page.getJsonArray("items").size()).isLessThanOrEqualTo(2);
            seen.addAll(contents(page));
            String next = page.getString("nextCursor");
            if (next == null) {
                break;
            }
            page = ok(url + "&cursor=" + enc(next));
        }
        assertThat(seen).containsExactlyElementsOf(posted);
        assertThat(ok("/api/v1/intakes?q=" + enc(tag)).getInteger("count")).isEqualTo(6);
        assertThat(ok("/api/v1/intakes?q=" + enc("不存在的词" + tag)).getJsonArray("items"))
                .isEmpty();
    }

    @Test
    @DisplayName("without the API token 401; bad parameters are 400 naming the field")
    void guardAndBadParameters() {
        HttpResponse<Buffer> anonymous = gw.http
                .get(gw.port(), "127.0.0.1", "/api/v1/intakes?q=x")
                .send()
                .await();
        assertThat(anonymous.statusCode()).isEqualTo(401);

        Map<String, String> bad = Map.of(
                "/api/v1/intakes?channelUserId=FAX:1",
                "channelUserId",
                "/api/v1/intakes?channelUserId=2489518277",
                "channelUserId",
                "/api/v1/intakes?channelUserId=1&channel=fax",
                "channel",
                "/api/v1/intakes?channel=weibo",
                "channelUserId",
                "/api/v1/intakes?q=" + enc("   "),
                "q",
                "/api/v1/intakes?q=" + "x".repeat(201),
                "q",
                "/api/v1/intakes?q=a&cursor=" + enc("not-a-cursor!"),
                "cursor",
                "/api/v1/intakes?q=a&limit=0",
                "limit",
                "/api/v1/intakes?q=a&q=b",
                "q",
                "/api/v1/intakes?phone=abc",
                "phone");
        bad = new java.util.HashMap<>(bad);
        bad.put("/api/v1/intakes?phone=12", "phone"); // an extension has at least 3 digits
        bad.forEach((url, field) -> {
            HttpResponse<Buffer> r = get(url);
            assertThat(r.statusCode()).as(url).isEqualTo(400);
            assertThat(r.getHeader("content-type")).startsWith("application/json");
            assertThat(r.bodyAsJsonObject().getString("field")).as(url).isEqualTo(field);
        });
        assertThat(get("/api/v1/intakes").statusCode()).isEqualTo(400);
        JsonArray none =
                ok("/api/v1/intakes?channelUserId=WECHAT:o-nobody-" + unique()).getJsonArray("items");
        assertThat(none).isEmpty();
    }
}
