package cn.jiesu.gateway.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.jiesu.core.intake.Channel;
import cn.jiesu.core.intake.Citizen;
import cn.jiesu.core.intake.ContentType;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.intake.PlaceMark;
import cn.jiesu.core.intake.RequestType;
import cn.jiesu.core.intake.TriageMark;
import cn.jiesu.redis.StreamKeys;
import io.lettuce.core.XReadArgs.StreamOffset;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Recurring problems end to end: back-dated appeals appended through the real store go down the intake stream to the
 * gateway's own {@code problems} consumer group on the real Redis, and GET /api/v1/problems ranks what it counted.
 */
class ProblemsIT {
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final PlaceMark WANGJING = new PlaceMark("朝阳区", "望京街道", 0.9);
    private static final PlaceMark ZHONGGUANCUN = new PlaceMark("海淀区", "中关村街道", 0.9);
    private static final String RANGE = "from=2025-01&to=2025-12";

    @RegisterExtension
    static final ChannelGateway gw = ChannelGateway.perClass(Map.of("JIESU_PROBLEMS_FLOOR", "2"));

    /** The March 2025 leak appeals of 望京, in the order they were received. */
    private static final List<String> marchLeaks = new ArrayList<>();

    private static int appended;

    @BeforeAll
    static void seed() {
        // A chronic problem: 3 leaks a month in 望京, all of 2025.
        for (int month = 1; month <= 12; month++) {
            for (int i = 0; i < 3; i++) {
                String id = append("water", WANGJING, LocalDateTime.of(2025, month, 5 + i * 7, 10, 0));
                if (month == 3) {
                    marchLeaks.add(id);
                }
            }
        }
        // A one-off burst: 15 gas appeals in 中关村 one November day.
        for (int i = 0; i < 15; i++) {
            append("gas", ZHONGGUANCUN, LocalDateTime.of(2025, 11, 20, 9, i));
        }
        // Unplaced: counted city-wide only. 00:30 on 1 March in Beijing is still February in UTC.
        append("noise", null, LocalDateTime.of(2025, 3, 1, 0, 30));
        append("noise", null, LocalDateTime.of(2025, 3, 2, 0, 30));
    }

    private static String append(String topic, PlaceMark place, LocalDateTime beijing) {
        Intake in = Intake.builder()
                .intakeId(UUID.randomUUID().toString())
                .channel(Channel.WEB)
                .channelAccount("web")
                .channelMessageId("problems-" + UUID.randomUUID())
                .receivedAt(beijing.atZone(BEIJING).toInstant())
                .contentType(ContentType.FORM)
                .content("小区又漏水了 " + topic)
                .requestType(RequestType.COMPLAINT)
                .citizen(new Citizen("web-user-" + appended, "李女士", null, null, null, false))
                .triage(new TriageMark(0.9, false, null, Set.of(topic)))
                .place(place)
                .build();
        appended++;
        return gw.store.append(in).toCompletableFuture().join().intakeId();
    }

    private static HttpResponse<Buffer> get(String path) {
        return gw.http
                .get(gw.port(), "127.0.0.1", path)
                .putHeader("Authorization", "Bearer " + ChannelGateway.ADMIN_TOKEN)
                .send()
                .await();
    }

    private static JsonArray problems(String query) {
        HttpResponse<Buffer> r = get("/api/v1/problems?" + query);
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
        return r.bodyAsJsonObject().getJsonArray("problems");
    }

    private static long cityTotal() {
        return problems(RANGE + "&level=city").stream()
                .mapToLong(p -> ((JsonObject) p).getLong("total"))
                .sum();
    }

    private static void awaitAllCounted() {
        await().atMost(Duration.ofSeconds(30)).until(() -> cityTotal() == appended);
    }

    private static JsonObject find(JsonArray list, String topic, String level) {
        return list.stream()
                .map(JsonObject.class::cast)
                .filter(p -> p.getString("topic").equals(topic)
                        && p.getString("level").equals(level))
                .findFirst()
                .orElse(null);
    }

    @Test
    @DisplayName("the chronic street problem ranks above a one-off burst; its district is folded into it")
    void chronicFirst() {
        awaitAllCounted();
        JsonArray ranked = problems(RANGE);
        JsonObject first = ranked.getJsonObject(0);
        assertThat(first.getString("topic")).isEqualTo("water");
        assertThat(first.getString("level")).isEqualTo("street");
        assertThat(first.getString("district")).isEqualTo("朝阳区");
        assertThat(first.getString("street")).isEqualTo("望京街道");
        assertThat(first.getLong("total")).isEqualTo(36);
        assertThat(first.getInteger("monthsPresent")).isEqualTo(12);
        assertThat(first.getJsonArray("months")).hasSize(12);
        assertThat(first.getJsonArray("months").getJsonObject(2))
                .isEqualTo(new JsonObject().put("month", "2025-03").put("count", 3));
        assertThat(first.getJsonObject("trend").getString("direction")).isEqualTo("flat");
        assertThat(first.getJsonObject("seasonality").getString("status")).isEqualTo("ok");
        assertThat(first.getJsonArray("sampleAppeals")).hasSize(5);
        assertThat(first.getString("appeals")).contains("month=2025-12");
        assertThat(find(ranked, "water", "district")).as("folded into 望京").isNull();
        JsonObject burst = find(ranked, "gas", "street");
        assertThat(burst.getLong("total")).isEqualTo(15);
        assertThat(burst.getInteger("monthsPresent")).isEqualTo(1);
        assertThat(burst.getDouble("score")).isLessThan(first.getDouble("score"));
        assertThat(ranked.indexOf(burst)).isGreaterThan(0);
        // Unplaced appeals count only city-wide, in their Beijing month.
        JsonObject noise = find(problems(RANGE + "&level=city"), "noise", "city");
        assertThat(noise.getJsonArray("months").getJsonObject(2).getLong("count"))
                .isEqualTo(2);
        assertThat(find(ranked, "noise", "street")).isNull();
        assertThat(problems(RANGE + "&topic=gas&district=" + enc("海淀区")))
                .extracting(p -> ((JsonObject) p).getString("level"))
                .containsExactlyInAnyOrder("street");
    }

    @Test
    @DisplayName("the appeals route lists exactly a pair's appeals of the month, newest first, paged")
    void appealsOfAPair() {
        awaitAllCounted();
        String path = "/api/v1/problems/appeals?topic=water&district=" + enc("朝阳区") + "&street=" + enc("望京街道")
                + "&month=2025-03";
        JsonObject page = get(path).bodyAsJsonObject();
        assertThat(page.getLong("total")).isEqualTo(3);
        assertThat(page.getJsonArray("appeals").stream()
                        .map(a -> ((JsonObject) a).getString("intakeId"))
                        .toList())
                .containsExactlyElementsOf(marchLeaks.reversed());
        JsonObject first = get(path + "&limit=2").bodyAsJsonObject();
        assertThat(first.getJsonArray("appeals")).hasSize(2);
        JsonObject second = get(first.getString("next")).bodyAsJsonObject();
        assertThat(second.getJsonArray("appeals").getJsonObject(0).getString("intakeId"))
                .isEqualTo(marchLeaks.get(0));
        assertThat(second.containsKey("next")).isFalse();
        JsonObject district = get("/api/v1/problems/appeals?topic=water&district=" + enc("朝阳区") + "&month=2025-03")
                .bodyAsJsonObject();
        assertThat(district.getString("level")).isEqualTo("district");
        assertThat(district.getLong("total")).isEqualTo(3);
    }

    @Test
    @DisplayName("entries the problems group is handed again (its position reset to the start) count nothing twice")
    void redelivery() {
        awaitAllCounted();
        String stream = new StreamKeys(gw.config.redis().keyPrefix()).intakeStream();
        var redis = gw.redis.shared().sync();
        String last = redis.xrevrange(stream, io.lettuce.core.Range.create("-", "+"), io.lettuce.core.Limit.from(1))
                .get(0)
                .getId();
        redis.xgroupSetid(StreamOffset.from(stream, "0-0"), "problems");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> redis.xinfoGroups(stream).stream()
                        .map(g -> groupInfo(g))
                        .anyMatch(g -> "problems".equals(g.get("name"))
                                && last.equals(g.get("last-delivered-id"))
                                && "0".equals(g.get("pending"))));
        assertThat(cityTotal()).isEqualTo(appended);
        JsonObject first = problems(RANGE).getJsonObject(0);
        assertThat(first.getLong("total")).isEqualTo(36);
    }

    @Test
    @DisplayName("with problems.enabled false an instance runs no problems group, and its routes still read")
    void disabled() {
        try (ChannelGateway off = ChannelGateway.start(Map.of("JIESU_PROBLEMS_ENABLED", "false"))) {
            String stream = new StreamKeys(off.config.redis().keyPrefix()).intakeStream();
            List<String> groups = off.redis.shared().sync().xinfoGroups(stream).stream()
                    .map(g -> groupInfo(g).get("name"))
                    .toList();
            assertThat(groups).contains("callbacks").doesNotContain("problems");
            HttpResponse<Buffer> r = off.http
                    .get(off.port(), "127.0.0.1", "/api/v1/problems")
                    .putHeader("Authorization", "Bearer " + ChannelGateway.ADMIN_TOKEN)
                    .send()
                    .await();
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.bodyAsJsonObject().getJsonArray("problems")).isEmpty();
        }
        String stream = new StreamKeys(gw.config.redis().keyPrefix()).intakeStream();
        assertThat(gw.redis.shared().sync().xinfoGroups(stream).stream()
                        .map(g -> groupInfo(g).get("name")))
                .contains("problems");
    }

    private static Map<String, String> groupInfo(Object raw) {
        List<?> kv = (List<?>) raw;
        Map<String, String> m = new java.util.HashMap<>();
        for (int i = 0; i + 1 < kv.size(); i += 2) {
            m.put(String.valueOf(kv.get(i)), String.valueOf(kv.get(i + 1)));
        }
        return m;
    }

    @Test
    @DisplayName("bad months, ranges, topics, levels, limits and missing parameters are 400s naming the parameter")
    void badInput() {
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("/api/v1/problems?from=2025-13", "from");
        cases.put("/api/v1/problems?to=25-01", "to");
        cases.put("/api/v1/problems?from=2025-06&to=2025-01", "from");
        cases.put("/api/v1/problems?from=2020-01&to=2025-01", "from");
        cases.put("/api/v1/problems?from=1999-12&to=2000-06", "from");
        cases.put("/api/v1/problems?topic=a%7Cb", "topic");
        cases.put("/api/v1/problems?topic=" + "x".repeat(65), "topic");
        cases.put("/api/v1/problems?level=town", "level");
        cases.put("/api/v1/problems?limit=0", "limit");
        cases.put("/api/v1/problems?limit=x", "limit");
        cases.put("/api/v1/problems?district=a%7Cb", "district");
        cases.put("/api/v1/problems/appeals?month=2025-03", "topic");
        cases.put("/api/v1/problems/appeals?topic=water", "month");
        cases.put("/api/v1/problems/appeals?topic=water&month=%2B10000-01", "month");
        cases.put("/api/v1/problems/appeals?topic=water&street=x&month=2025-03", "street");
        cases.put("/api/v1/problems/appeals?topic=water&month=2025-03&offset=-1", "offset");
        // Digits are ASCII: Java's parseInt would read fullwidth ５ and Arabic-Indic ٥ as 5.
        cases.put("/api/v1/problems?limit=%EF%BC%95", "limit");
        cases.put("/api/v1/problems?limit=%D9%A5", "limit");
        cases.put("/api/v1/problems/appeals?topic=water&month=2025-03&offset=%EF%BC%91", "offset");
        // to defaults to the current month: a future from alone is after it.
        cases.put("/api/v1/problems?from=9999-01", "from");
        cases.forEach((path, field) -> {
            HttpResponse<Buffer> r = get(path);
            assertThat(r.statusCode()).as(path + ": " + r.bodyAsString()).isEqualTo(400);
            assertThat(r.bodyAsJsonObject().getString("field")).as(path).isEqualTo(field);
        });
        // A defaulted from stays within the months a parameter may name.
        HttpResponse<Buffer> first = get("/api/v1/problems?to=2000-01");
        assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(200);
        assertThat(first.bodyAsJsonObject().getString("from")).isEqualTo("2000-01");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
