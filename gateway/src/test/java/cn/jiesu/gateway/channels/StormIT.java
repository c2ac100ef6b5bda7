package cn.jiesu.gateway.channels;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A Weibo hot topic: hundreds of pushes at once. The Weibo channel's quota and in-flight bound turn the overflow
 * into 429 with Retry-After (Weibo retries), counted in intake.rejected, while the app channel keeps getting 201.
 */
class StormIT {
    private static final String PATH = "/api/v1/appeals";

    private static Future<HttpResponse<Buffer>> weibo(ChannelGateway gw, long sender, int i) {
        JsonObject m = new JsonObject()
                .put("type", "text")
                .put("receiver_id", 1902538057L)
                .put("sender_id", sender + i)
                .put("created_at", "Thu May 30 10:00:05 +0800 2024")
                .put("text", "热搜：望京某小区外墙脱落砸坏汽车 #" + i)
                .put("data", new JsonObject());
        return gw.http
                .post(gw.port(), "127.0.0.1", "/channels/weibo?" + Signers.weiboQuery())
                .putHeader("content-type", "application/json")
                .sendBuffer(Buffer.buffer(m.encode()));
    }

    private static HttpResponse<Buffer> app(ChannelGateway gw, String text) {
        byte[] body = Signers.utf8(new JsonObject().put("description", text).encode());
        return Signers.signApp(gw.http.post(gw.port(), "127.0.0.1", PATH), PATH, body)
                .sendBuffer(Buffer.buffer(body))
                .await();
    }

    @Test
    @DisplayName("over the Weibo quota: 429 with Retry-After, nothing stored for them, the app still gets 201")
    void quota() {
        try (ChannelGateway gw = ChannelGateway.start(
                Map.of("JIESU_CHANNELS_QUOTA_BURST", "20", "JIESU_CHANNELS_QUOTA_PER_SECOND", "5"))) {
            long sender = 4_000_000_000L + (long) (Math.random() * 1e9);
            List<Future<HttpResponse<Buffer>>> storm = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                storm.add(weibo(gw, sender, i));
            }
            HttpResponse<Buffer> during = app(gw, "小区电梯停运三天了，老人上下楼很困难");
            Future.join(storm).await();

            long ok = storm.stream().filter(f -> f.result().statusCode() == 200).count();
            List<HttpResponse<Buffer>> refused = storm.stream()
                    .map(Future::result)
                    .filter(r -> r.statusCode() == 429)
                    .toList();
            assertThat(ok + refused.size()).isEqualTo(300);
            assertThat(refused).hasSizeGreaterThan(200);
            assertThat(refused.get(0).getHeader("Retry-After")).matches("[1-9][0-9]*");
            assertThat(refused.get(0).bodyAsJsonObject().getJsonObject("error").getString("code"))
                    .isEqualTo("quota_exceeded");
            assertThat(gw.intakes().stream()
                            .filter(i -> i.channel().name().equals("WEIBO"))
                            .count())
                    .isEqualTo(ok);
            assertThat(gw.counter("intake.rejected", "channel", "weibo", "reason", "quota"))
                    .isEqualTo(refused.size());

            assertThat(during.statusCode()).isEqualTo(201);
            for (int i = 0; i < 5; i++) {
                assertThat(app(gw, "楼下餐馆油烟很大，影响居民休息 " + i).statusCode()).isEqualTo(201);
            }
        }
    }

    @Test
    @DisplayName("a per-channel quota holds Weibo back while the app keeps the shared, higher one")
    void perChannelQuota() {
        try (ChannelGateway gw = ChannelGateway.start(
                Map.of("JIESU_CHANNELS_QUOTA_WEIBO_BURST", "10", "JIESU_CHANNELS_QUOTA_WEIBO_PER_SECOND", "1"))) {
            long sender = 5_000_000_000L + (long) (Math.random() * 1e9);
            List<Future<HttpResponse<Buffer>>> storm = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                storm.add(weibo(gw, sender, i));
            }
            Future.join(storm).await();
            long refused =
                    storm.stream().filter(f -> f.result().statusCode() == 429).count();
            assertThat(refused).isGreaterThanOrEqualTo(40);
            for (int i = 0; i < 30; i++) {
                assertThat(app(gw, "小区路灯不亮，晚上出行不便 " + i).statusCode()).isEqualTo(201);
            }
            assertThat(gw.counter("intake.rejected", "channel", "app", "reason", "quota"))
                    .isZero();
        }
    }

    @Test
    @DisplayName("over the in-flight bound: the overflow is refused at once with 429 and counted as buffer")
    void buffer() {
        try (ChannelGateway gw = ChannelGateway.start(Map.of("JIESU_CHANNELS_QUOTA_MAX_IN_FLIGHT", "2"))) {
            long sender = 5_000_000_000L + (long) (Math.random() * 1e9);
            List<Future<HttpResponse<Buffer>>> storm = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                storm.add(weibo(gw, sender, i));
            }
            Future.join(storm).await();
            List<HttpResponse<Buffer>> refused = storm.stream()
                    .map(Future::result)
                    .filter(r -> r.statusCode() == 429)
                    .toList();
            assertThat(storm)
                    .allMatch(f -> f.result().statusCode() == 200 || f.result().statusCode() == 429);
            assertThat(refused).isNotEmpty();
            assertThat(refused.get(0).getHeader("Retry-After")).isEqualTo("1");
            assertThat(gw.counter("intake.rejected", "channel", "weibo", "reason", "buffer"))
                    .isEqualTo(refused.size());
            assertThat(app(gw, "楼道堆放杂物，存在消防隐患").statusCode()).isEqualTo(201);
            String metrics = gw.http
                    .get(gw.port(), "127.0.0.1", "/metrics")
                    .send()
                    .await()
                    .bodyAsString();
            assertThat(metrics)
                    .contains("jiesu_intake_rejected_total{channel=\"weibo\",reason=\"buffer\"}")
                    .contains("jiesu_intake_inflight{channel=\"weibo\"}");
        }
    }
}
