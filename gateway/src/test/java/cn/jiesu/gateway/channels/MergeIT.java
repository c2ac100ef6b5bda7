package cn.jiesu.gateway.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.jiesu.channels.classify.ReloadableClassifier;
import cn.jiesu.core.classify.Classification;
import cn.jiesu.core.classify.TextNormalizer;
import cn.jiesu.core.intake.Channel;
import cn.jiesu.core.intake.Citizen;
import cn.jiesu.core.intake.ContentType;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.gateway.support.TestServices;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Cross-channel merge end to end: a phone appeal, then the same citizen's app appeal (same phone) or Weibo message
 * (an identity bound to the phone) about the same problem, linked both ways by the merge consumer; unlinking
 * through the API undoes it; an unrelated appeal of the same citizen stays unlinked.
 */
class MergeIT {
    private static final String PATH = "/api/v1/appeals";

    @RegisterExtension
    static final ChannelGateway gw = ChannelGateway.perClass(Map.of());

    private static ReloadableClassifier classifier;

    @BeforeAll
    static void start() {
        classifier = ReloadableClassifier.load(gw.config.channels().classificationFile(), TextNormalizer.standard());
    }

    private static String phoneNumber() {
        return "139" + (10_000_000 + (int) (Math.random() * 89_999_999));
    }

    /** A phone appeal as the AMI call tracker appends it once the agent has written it down. */
    private static String phoneAppeal(String caller, String text) {
        Classification c = classifier.classify(text);
        Intake call = Intake.builder()
                .intakeId(UUID.randomUUID().toString())
                .channel(Channel.PHONE)
                .channelAccount("12345")
                .channelMessageId("1764300000." + UUID.randomUUID().toString().substring(0, 6))
                .receivedAt(Instant.now().minus(Duration.ofHours(3)))
                .contentType(ContentType.CALL)
                .content(text)
                .requestType(c.requestType())
                .urgency(c.urgency())
                .citizen(new Citizen(null, null, null, "+86" + caller, null, false))
                .build();
        return gw.store.append(call).toCompletableFuture().join().intakeId();
    }

    private static List<String> related(String intakeId) {
        HttpResponse<Buffer> r = gw.http
                .get(gw.port(), "127.0.0.1", "/api/v1/intakes/" + intakeId)
                .putHeader("Authorization", "Bearer " + TestServices.API_TOKEN)
                .send()
                .await();
        JsonArray ids = r.bodyAsJsonObject().getJsonArray("relatedIntakeIds");
        return ids.stream().map(Object::toString).toList();
    }

    private static String appAppeal(String phone, String text) {
        byte[] body = Signers.utf8(
                new JsonObject().put("description", text).put("phone", phone).encode());
        HttpResponse<Buffer> r = Signers.signApp(gw.http.post(gw.port(), "127.0.0.1", PATH), PATH, body)
                .sendBuffer(Buffer.buffer(body))
                .await();
        assertThat(r.statusCode()).isEqualTo(201);
        return r.bodyAsJsonObject().getString("intakeId");
    }

    private static HttpResponse<Buffer> admin(io.vertx.ext.web.client.HttpRequest<Buffer> req) {
        return req.putHeader("Authorization", "Bearer " + ChannelGateway.ADMIN_TOKEN)
                .send()
                .await();
    }

    @Test
    @DisplayName("a phone appeal and the same caller's app appeal about the same outage are linked both ways; "
            + "unlink undoes it")
    void phoneAndApp() {
        String phone = phoneNumber();
        String call = phoneAppeal(phone, "望京西园三区2号楼从昨晚开始停水，到现在还没来水");
        String app = appAppeal(phone, "望京西园三区2号楼停水了，从昨天晚上到现在都没有水，请尽快处理");
        String unrelated = appAppeal(phone, "小区门口的共享单车乱停乱放，堵住了人行道");

        await().atMost(Duration.ofSeconds(15)).until(() -> related(app).contains(call));
        assertThat(related(call)).containsExactly(app);
        assertThat(related(unrelated)).isEmpty();
        assertThat(gw.counter("intake.merge.links")).isGreaterThanOrEqualTo(1);

        HttpResponse<Buffer> anonymous = gw.http
                .delete(gw.port(), "127.0.0.1", "/api/v1/intakes/" + app + "/related/" + call)
                .send()
                .await();
        assertThat(anonymous.statusCode()).isEqualTo(401);
        HttpResponse<Buffer> undone =
                admin(gw.http.delete(gw.port(), "127.0.0.1", "/api/v1/intakes/" + app + "/related/" + call));
        assertThat(undone.statusCode()).isEqualTo(200);
        assertThat(related(app)).isEmpty();
        assertThat(related(call)).isEmpty();
        assertThat(gw.appeal(app)).isPresent();
        assertThat(gw.appeal(call)).isPresent();
        assertThat(admin(gw.http.delete(gw.port(), "127.0.0.1", "/api/v1/intakes/" + app + "/related/" + call))
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    @DisplayName("a Weibo message of an account bound to the caller's phone is linked to the phone appeal")
    void phoneAndWeibo() {
        String phone = phoneNumber();
        long uid = 3_000_000_000L + (long) (Math.random() * 1e9);
        String call = phoneAppeal(phone, "阜通东大街6号院门口的路灯坏了，连续两个晚上不亮");
        HttpResponse<Buffer> bound = gw.http
                .post(gw.port(), "127.0.0.1", "/api/v1/citizen-bindings")
                .putHeader("Authorization", "Bearer " + ChannelGateway.ADMIN_TOKEN)
                .sendJsonObject(new JsonObject().put("a", "WEIBO:" + uid).put("b", "phone:+86" + phone))
                .await();
        assertThat(bound.statusCode()).isEqualTo(200);
        assertThat(bound.bodyAsJsonObject().getString("b")).isEqualTo("phone:" + phone); // as the index knows it

        JsonObject message = new JsonObject()
                .put("type", "text")
                .put("receiver_id", 1902538057L)
                .put("sender_id", uid)
                .put("created_at", "Thu May 30 10:00:05 +0800 2024")
                .put("text", "阜通东大街6号院门口路灯坏了两个晚上都不亮，晚上走路很危险")
                .put("data", new JsonObject());
        HttpResponse<Buffer> pushed = gw.http
                .post(gw.port(), "127.0.0.1", "/channels/weibo?" + Signers.weiboQuery())
                .putHeader("content-type", "application/json")
                .sendBuffer(Buffer.buffer(message.encode()))
                .await();
        assertThat(pushed.statusCode()).isEqualTo(200);
        String weibo = gw.intakes().stream()
                .filter(i -> Long.toString(uid).equals(i.citizen().channelUserId()))
                .findFirst()
                .orElseThrow()
                .intakeId();

        await().atMost(Duration.ofSeconds(15)).until(() -> related(weibo).contains(call));
        assertThat(related(call)).containsExactly(weibo);

        HttpResponse<Buffer> badIdentity = gw.http
                .post(gw.port(), "127.0.0.1", "/api/v1/citizen-bindings")
                .putHeader("Authorization", "Bearer " + ChannelGateway.ADMIN_TOKEN)
                .sendJsonObject(new JsonObject().put("a", "FAX:1").put("b", "phone:" + phone))
                .await();
        assertThat(badIdentity.statusCode()).isEqualTo(400);
        assertThat(badIdentity.bodyAsJsonObject().getString("field")).isEqualTo("a");
    }
}
