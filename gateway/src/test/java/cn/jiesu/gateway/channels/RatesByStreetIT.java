package cn.jiesu.gateway.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.jiesu.callbacks.SurveyRecorder;
import cn.jiesu.channels.FormData;
import cn.jiesu.core.intake.PlaceMark;
import cn.jiesu.gateway.support.TestServices;
import cn.jiesu.ivr.flow.CallRef;
import cn.jiesu.redis.callback.CallbackKeys;
import cn.jiesu.redis.callback.RedisRateStore;
import io.micrometer.core.instrument.Gauge;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 三率 by street and the monthly ranking on a whole gateway against the real Redis: appeals come in through the app
 * channel and Open311 with addresses in 望京, 三里屯 and 中关村 (plus one placed only in 海淀区 and one nowhere), the gazetteer
 * places them, the callback consumer counts them; resolutions go through the case API and ratings through the
 * survey recorder the IVR's survey flow drives (the flow itself needs the Asterisk lab; CallbackLabIT has it).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RatesByStreetIT {
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    @RegisterExtension
    static final ChannelGateway gw = ChannelGateway.perClass(Map.of());

    private static String wangjing1;
    private static String wangjing2;
    private static String sanlitun;
    private static String zhongguancun;
    private static String haidianOnly;
    private static String nowhere;

    @BeforeAll
    static void appeals() {
        wangjing1 = appeal("北京市朝阳区望京西园三区", "小区门口路灯不亮已经一周了，晚上看不清路");
        wangjing2 = open311("朝阳区望京SOHO塔二", "楼下共享单车乱停放，挡住人行道");
        sanlitun = appeal("朝阳区三里屯太古里北区", "商场外垃圾桶满了没人清理");
        zhongguancun = appeal("北京市海淀区中关村街道科学院南路2号", "小区绿化带杂草很多，希望修剪");
        haidianOnly = appeal("北京市海淀区中关村大街27号", "人行道地砖松动，下雨天踩上去溅水");
        nowhere = appeal(null, "希望增加公交车班次，早高峰太挤");
        // The gazetteer placed each at intake, before any count.
        assertThat(place(wangjing1)).extracting(PlaceMark::street).isEqualTo("望京街道");
        assertThat(place(wangjing2)).extracting(PlaceMark::street).isEqualTo("望京街道");
        assertThat(place(sanlitun)).extracting(PlaceMark::street).isEqualTo("三里屯街道");
        assertThat(place(zhongguancun)).extracting(PlaceMark::street).isEqualTo("中关村街道");
        assertThat(place(haidianOnly).district()).isEqualTo("海淀区");
        assertThat(place(haidianOnly).street()).isNull();
        assertThat(gw.appeal(nowhere).orElseThrow().intake().place()).isNull();
        // The case API shows the same place and the topics triage gave.
        JsonObject api = ok("/api/v1/intakes/" + wangjing1);
        assertThat(api.getJsonObject("place").getString("district")).isEqualTo("朝阳区");
        assertThat(api.getJsonObject("place").getString("street")).isEqualTo("望京街道");
        assertThat(api.getJsonObject("triage").getJsonArray("topics").getList())
                .containsExactlyElementsOf(
                        gw.appeal(wangjing1).orElseThrow().intake().triage().topics());
        assertThat(api.getJsonObject("triage").getJsonArray("topics").getList()).isNotEmpty();
        assertThat(ok("/api/v1/intakes/" + haidianOnly).getJsonObject("place").containsKey("street"))
                .isFalse();
        assertThat(ok("/api/v1/intakes/" + nowhere).containsKey("place")).isFalse();
    }

    @Test
    @Order(1)
    @DisplayName("appeals count under the street the gazetteer placed them in; resolutions and ratings move its rates")
    void byStreet() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonObject all = ok("/api/v1/rates?period=month&by=street");
            assertThat(received(street(all, "朝阳区", "望京街道"))).isEqualTo(2);
            assertThat(received(street(all, "朝阳区", "三里屯街道"))).isEqualTo(1);
            assertThat(received(street(all, "海淀区", "中关村街道"))).isEqualTo(1);
            assertThat(all.getJsonArray("streetUnknown").stream()
                            .map(JsonObject.class::cast)
                            .filter(e -> e.getString("district").equals("海淀区"))
                            .map(RatesByStreetIT::received)
                            .toList())
                    .containsExactly(1L);
            assertThat(received(all.getJsonObject("unplaced"))).isEqualTo(1);
            assertThat(all.getJsonObject("counts").getLong("received")).isEqualTo(6);
        });

        resolve(wangjing1, true);
        resolve(wangjing2, false);
        resolve(sanlitun, true);
        resolve(zhongguancun, true);
        SurveyRecorder survey = new SurveyRecorder(
                new RedisRateStore(gw.redis, new CallbackKeys(gw.config.redis().keyPrefix()), BEIJING),
                Clock.systemUTC());
        rate(survey, wangjing1, "DISSATISFIED");
        rate(survey, sanlitun, "SATISFIED");
        rate(survey, zhongguancun, "BASICALLY_SATISFIED");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonObject chaoyang = ok("/api/v1/rates?period=month&by=street&district=" + FormData.encode("朝阳区"));
            JsonArray streets = chaoyang.getJsonArray("streets");
            // The gazetteer's order: 三里屯街道 is listed before 望京街道 in 朝阳区.
            assertThat(streets.stream().map(o -> ((JsonObject) o).getString("street")))
                    .containsExactly("三里屯街道", "望京街道");
            JsonObject wj = street(chaoyang, "朝阳区", "望京街道");
            assertThat(wj.getJsonObject("rates").getDouble("resolution")).isEqualTo(0.5);
            assertThat(wj.getJsonObject("rates").getDouble("satisfaction")).isEqualTo(0.0);
            JsonObject sl = street(chaoyang, "朝阳区", "三里屯街道");
            assertThat(sl.getJsonObject("rates").getDouble("resolution")).isEqualTo(1.0);
            assertThat(sl.getJsonObject("rates").getDouble("satisfaction")).isEqualTo(1.0);
            assertThat(chaoyang.getJsonObject("counts").getLong("received")).isEqualTo(3);
            assertThat(chaoyang.containsKey("unplaced")).isFalse();
        });
    }

    @Test
    @Order(2)
    @DisplayName("the month's ranking lists every unit of the gazetteer, equal scores sharing a rank, as JSON and CSV")
    void ranking() {
        JsonObject r = ok("/api/v1/rates/ranking");
        assertThat(r.getInteger("units")).isEqualTo(343);
        assertThat(r.getBoolean("provisional")).isTrue();
        JsonArray list = r.getJsonArray("ranking");
        assertThat(list).hasSize(343);
        // 三里屯 and 中关村: resolved and satisfied (basically satisfied counts as satisfied), the same score: both 1st.
        // 望京: half resolved, dissatisfied: 3rd. Every other unit has no rate: unranked, after them.
        JsonObject first = list.getJsonObject(0);
        JsonObject second = list.getJsonObject(1);
        assertThat(List.of(first.getString("street"), second.getString("street")))
                .containsExactlyInAnyOrder("三里屯街道", "中关村街道");
        assertThat(first.getInteger("rank")).isEqualTo(1);
        assertThat(second.getInteger("rank")).isEqualTo(1);
        assertThat(second.getDouble("score")).isEqualTo(first.getDouble("score"));
        JsonObject third = list.getJsonObject(2);
        assertThat(third.getString("street")).isEqualTo("望京街道");
        assertThat(third.getInteger("rank")).isEqualTo(3);
        assertThat(third.getLong("received")).isEqualTo(2);
        assertThat(third.getString("kind")).isEqualTo("街道");
        assertThat(r.getInteger("scored")).isEqualTo(3);
        assertThat(IntStream.range(3, 343).mapToObj(list::getJsonObject)).allSatisfy(u -> {
            assertThat(u.getValue("rank")).isNull();
            assertThat(u.getValue("score")).isNull();
        });
        assertThat(list.stream().map(o -> ((JsonObject) o).getString("kind")).collect(Collectors.toSet()))
                .contains("街道", "镇", "乡", "地区");
        assertThat(r.getJsonObject("total").getJsonObject("counts").getLong("received"))
                .isEqualTo(6);
        assertThat(r.getJsonObject("unplaced").getJsonObject("counts").getLong("received"))
                .isEqualTo(1);

        HttpResponse<Buffer> csv = get("/api/v1/rates/ranking?format=csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.getHeader("content-type")).startsWith("text/csv");
        byte[] bytes = csv.body().getBytes();
        assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        List<String> rows = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8)
                .lines()
                .toList();
        assertThat(rows.get(0)).isEqualTo("排名,区,街乡镇,类型,受理量,响应率(%),解决率(%),满意率(%),综合得分");
        assertThat(rows).hasSize(1 + 343 + 2);
        assertThat(rows.stream().skip(1).map(l -> l.split(",", -1).length)).containsOnly(9);
        String[] wj = rows.stream()
                .filter(l -> l.contains(",望京街道,"))
                .findFirst()
                .orElseThrow()
                .split(",", -1);
        assertThat(wj).containsSubsequence("3", "朝阳区", "望京街道", "街道", "2");
        assertThat(wj[6]).isEqualTo("50.00");
        assertThat(wj[7]).isEqualTo("0.00");
        assertThat(rows.get(rows.size() - 2)).startsWith(",全市,合计,,6,");

        // A month without appeals: no street in by=street; in the ranking every unit is listed, none ranked, and a
        // past month is final.
        assertThat(ok("/api/v1/rates?period=month&date=2026-01-15&by=street").getJsonArray("streets"))
                .isEmpty();
        JsonObject january = ok("/api/v1/rates/ranking?month=2026-01");
        assertThat(january.getJsonArray("ranking")).hasSize(343);
        assertThat(january.getInteger("scored")).isZero();
        assertThat(january.getBoolean("provisional")).isFalse();
        assertThat(january.getString("through")).isEqualTo("2026-01-31");
    }

    @Test
    @Order(3)
    @DisplayName("district 三率 gauges carry the gazetteer's district, registered once a rate has a denominator")
    void districtGauges() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Gauge chaoyang = gw.gateway
                    .registry()
                    .find("rates.district.resolution")
                    .tags("district", "朝阳区", "period", "month")
                    .gauge();
            assertThat(chaoyang).isNotNull();
            assertThat(chaoyang.value()).isEqualTo(2.0 / 3);
        });
        // 昌平区 had no appeal: no gauge rather than a NaN or a 0.
        assertThat(gw.gateway
                        .registry()
                        .find("rates.district.resolution")
                        .tags("district", "昌平区")
                        .gauge())
                .isNull();
    }

    @Test
    @DisplayName("bad input is a 400 naming the parameter")
    void badInput() {
        assertThat(refused("/api/v1/rates/ranking?month=2026-13")).isEqualTo("month");
        assertThat(refused("/api/v1/rates/ranking?month=26-01")).isEqualTo("month");
        assertThat(refused("/api/v1/rates/ranking?month=0000-01")).isEqualTo("month");
        // The same month range as the problems' routes (MonthParam): no 12345 hotline predates 2000.
        assertThat(refused("/api/v1/rates/ranking?month=1999-12")).isEqualTo("month");
        assertThat(refused("/api/v1/rates/ranking?format=xlsx")).isEqualTo("format");
        assertThat(refused("/api/v1/rates?by=city")).isEqualTo("by");
        assertThat(refused("/api/v1/rates?by=street&district=" + FormData.encode("朝阳区") + "&street="
                        + FormData.encode("望京街道")))
                .isEqualTo("by");
        // Names come from closed sets: a misspelt one is a 400, not an empty 200; a repeated parameter too.
        assertThat(refused("/api/v1/rates?district=" + FormData.encode("朝杨区"))).isEqualTo("district");
        assertThat(refused("/api/v1/rates?district=" + FormData.encode("朝阳区") + "&street=x"))
                .isEqualTo("street");
        assertThat(refused("/api/v1/rates?by=street&by=district")).isEqualTo("by");
        assertThat(refused("/api/v1/rates/ranking?format=csv&format=json")).isEqualTo("format");
        assertThat(refused("/api/v1/problems?topic=nosuch")).isEqualTo("topic");
        assertThat(refused("/api/v1/problems?district=" + FormData.encode("天津")))
                .isEqualTo("district");
        assertThat(refused("/api/v1/hotspots?topic=nosuch")).isEqualTo("topic");
        assertThat(refused("/api/v1/problems?topic=%ZZ")).isEqualTo("query");
    }

    private static String appeal(String address, String description) {
        JsonObject body = new JsonObject()
                .put("description", description)
                .put(
                        "phone",
                        String.format("139%08d", ThreadLocalRandom.current().nextInt(100_000_000)))
                .put("userId", "u-" + UUID.randomUUID());
        if (address != null) {
            body.put("address", address);
        }
        byte[] bytes = body.encode().getBytes(StandardCharsets.UTF_8);
        HttpResponse<Buffer> r = Signers.signApp(
                        gw.http.post(gw.port(), "127.0.0.1", "/api/v1/appeals"), "/api/v1/appeals", bytes)
                .sendBuffer(Buffer.buffer(bytes))
                .await();
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
        return r.bodyAsJsonObject().getString("intakeId");
    }

    /** An Open311 service request; its id is the appeal number, read back to the intake id through the case API. */
    private static String open311(String address, String description) {
        HttpResponse<Buffer> r = gw.http
                .post(gw.port(), "127.0.0.1", "/open311/v2/requests.json")
                .putHeader("content-type", "application/x-www-form-urlencoded; charset=utf-8")
                .sendBuffer(Buffer.buffer(Signers.utf8("api_key=" + ChannelGateway.OPEN311_KEY
                        + "&service_code=0301&address_string=" + FormData.encode(address) + "&description="
                        + FormData.encode(description))))
                .await();
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
        String no = new JsonArray(r.bodyAsString()).getJsonObject(0).getString("service_request_id");
        return ok("/api/v1/intakes/" + no).getString("intakeId");
    }

    private static PlaceMark place(String intakeId) {
        return gw.appeal(intakeId).orElseThrow().intake().place();
    }

    private static void resolve(String intakeId, boolean resolved) {
        HttpResponse<Buffer> r = gw.http
                .post(gw.port(), "127.0.0.1", "/api/v1/intakes/" + intakeId + "/resolution")
                .putHeader("authorization", "Bearer " + TestServices.API_TOKEN)
                .sendJsonObject(new JsonObject()
                        .put("handledBy", "街道办")
                        .put("result", resolved ? "已处理" : "未能解决")
                        .put("resolved", resolved))
                .await();
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    }

    /** What the IVR's survey flow reports when the citizen presses a key on a survey call about the appeal. */
    private static void rate(SurveyRecorder survey, String intakeId, String answer) {
        CallRef call = new CallRef("survey", "Local/s@survey", "1.1", "1.1", "12345", "zh", Map.of("ticket", intakeId));
        survey.variableSet(call, "JIESU_SURVEY", answer);
    }

    private static HttpResponse<Buffer> get(String path) {
        return gw.http
                .get(gw.port(), "127.0.0.1", path)
                .putHeader("authorization", "Bearer " + TestServices.API_TOKEN)
                .send()
                .await();
    }

    private static JsonObject ok(String path) {
        HttpResponse<Buffer> r = get(path);
        assertThat(r.statusCode()).as(path + " " + r.bodyAsString()).isEqualTo(200);
        return r.bodyAsJsonObject();
    }

    private static String refused(String path) {
        HttpResponse<Buffer> r = get(path);
        assertThat(r.statusCode()).as(path + " " + r.bodyAsString()).isEqualTo(400);
        return r.bodyAsJsonObject().getString("field");
    }

    private static JsonObject street(JsonObject rates, String district, String street) {
        return rates.getJsonArray("streets").stream()
                .map(JsonObject.class::cast)
                .filter(e -> e.getString("district").equals(district)
                        && e.getString("street").equals(street))
                .findFirst()
                .orElseThrow(() -> new AssertionError(district + street + " not in " + rates.encode()));
    }

    private static long received(JsonObject entry) {
        return entry.getJsonObject("counts").getLong("received");
    }
}
