package cn.jiesu.gateway.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.jiesu.core.hotspot.HotspotKey;
import cn.jiesu.core.hotspot.Resolution;
import cn.jiesu.gateway.support.StreamSchema;
import cn.jiesu.gateway.support.TestServices;
import cn.jiesu.redis.StreamKeys;
import cn.jiesu.redis.hotspot.HotspotKeys;
import cn.jiesu.redis.hotspot.RedisHotspotStore;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Live hotspots end to end on real Redis: signed app appeals about one street open a street hotspot listing exactly
 * them, visible in GET /api/v1/hotspots and on the hotspots stream; appeals elsewhere open nothing; a redelivered
 * entry is not counted twice; a second gateway on the same Redis, and one started after another stopped, add to the
 * same hotspot. The tests build on each other (one burst), in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HotspotsIT {
    private static final String PREFIX = "it-hs-" + UUID.randomUUID().toString().substring(0, 8) + ":";
    private static final String WANGJING = "朝阳区望京街道望京西园三区";
    private static final HotspotKey STREET = new HotspotKey("water", HotspotKey.Level.STREET, "朝阳区/望京街道");

    @RegisterExtension
    static final ChannelGateway gw = ChannelGateway.perClass(env(PREFIX, "gw-a"));

    private static final List<String> burst = new ArrayList<>();

    /** A detecting gateway under {@code prefix}: quick ticks and applies, three appeals open a street's hotspot. */
    static Map<String, String> env(String prefix, String instance) {
        Map<String, String> env = new HashMap<>();
        env.put("JIESU_REDIS_KEY_PREFIX", prefix);
        env.put("JIESU_CALLBACKS_INSTANCE_ID", instance);
        env.put("JIESU_HOTSPOTS_ENABLED", "true");
        env.put("JIESU_HOTSPOTS_TICK_INTERVAL", "500ms");
        env.put("JIESU_HOTSPOTS_APPLY_INTERVAL", "200ms");
        env.put("JIESU_HOTSPOTS_MIN_STREET", "3");
        return env;
    }

    /**
     * The baseline tests nothing while the city has no past weeks: give it 8 weeks of city volume around now (10
     * appeals an hour, no topic in particular), so water in one street, never seen there, is improbable.
     */
    @BeforeAll
    static void history() {
        history(gw.redis, PREFIX);
    }

    /** The history above, for another test's key prefix. */
    static void history(cn.jiesu.redis.RedisClients redis, String prefix) {
        RedisHotspotStore store = new RedisHotspotStore(redis, new HotspotKeys(prefix), Clock.systemUTC());
        HotspotKey city = new HotspotKey(HotspotKey.ALL_TOPICS, HotspotKey.Level.CITY, HotspotKey.CITY);
        long now = Resolution.HOUR.slot(Instant.now());
        for (int week = 1; week <= 8; week++) {
            for (long h = now - 25; h <= now + 2; h++) {
                store.add(city, Resolution.HOUR, h - 168L * week, 10);
            }
        }
        long day = Resolution.DAY.slot(Instant.now());
        for (long d = day - 28; d < day; d++) {
            store.add(city, Resolution.DAY, d, 240);
        }
        store.flush();
    }

    static String appeal(ChannelGateway g, String description, String address) {
        JsonObject body = new JsonObject()
                .put("description", description)
                .put("address", address)
                .put("phone", "1380013" + String.format("%04d", (int) (Math.random() * 10000)));
        byte[] bytes = body.encode().getBytes(StandardCharsets.UTF_8);
        HttpResponse<Buffer> r = Signers.signApp(
                        g.http.post(g.port(), "127.0.0.1", "/api/v1/appeals"), "/api/v1/appeals", bytes)
                .sendBuffer(Buffer.buffer(bytes))
                .await();
        assertThat(r.statusCode()).as(r.bodyAsString()).isLessThan(300);
        return r.bodyAsJsonObject().getString("intakeId");
    }

    static JsonArray hotspots(ChannelGateway g, String query) {
        HttpResponse<Buffer> r = g.http.get(g.port(), "127.0.0.1", "/api/v1/hotspots" + query)
                .putHeader("authorization", "Bearer " + TestServices.API_TOKEN)
                .send()
                .await();
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
        return r.bodyAsJsonObject().getJsonArray("hotspots");
    }

    private static List<Map<String, String>> events() {
        return gw.redis.shared().sync().xrange(new HotspotKeys(PREFIX).events(), Range.create("-", "+")).stream()
                .map(StreamMessage::getBody)
                .toList();
    }

    private static List<String> appeals(JsonObject hotspot) {
        return hotspot.getJsonArray("appeals").stream().map(String.class::cast).toList();
    }

    private static JsonObject streetHotspot(ChannelGateway g) {
        JsonArray open =
                hotspots(g, "?state=open&topic=water&street=" + URLEncoder.encode("望京街道", StandardCharsets.UTF_8));
        assertThat(open).hasSize(1);
        return open.getJsonObject(0);
    }

    @Test
    @Order(1)
    @DisplayName("four water appeals about one street open a street hotspot listing exactly them; others open nothing")
    void detection() {
        appeal(gw, "小区路灯不亮，晚上很黑", "海淀区中关村街道");
        appeal(gw, "楼下装修噪音很大", "东城区景山街道");
        for (int i = 0; i < 4; i++) {
            burst.add(appeal(gw, "家里停水了，一直没有水", WANGJING + (i + 1) + "号楼"));
        }
        appeal(gw, "自来水发黄", "海淀区中关村街道");
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(appeals(streetHotspot(gw))).containsExactlyElementsOf(burst));
        JsonObject h = streetHotspot(gw);
        assertThat(h.getString("state")).isEqualTo("open");
        assertThat(h.getString("level")).isEqualTo("street");
        assertThat(h.getString("district")).isEqualTo("朝阳区");
        assertThat(h.getString("window")).isEqualTo("15m");
        assertThat(h.getInteger("count")).isEqualTo(4);
        assertThat(h.getLong("observed")).isEqualTo(3);
        assertThat(h.getString("closedAt")).isNull();
        // Nothing else: the background is one appeal per place and topic, the district has 4 < min-district.
        assertThat(hotspots(gw, "")).hasSize(1);
        assertThat(hotspots(gw, "?district=" + URLEncoder.encode("海淀区", StandardCharsets.UTF_8)))
                .isEmpty();
        assertThat(hotspots(gw, "?topic=noise")).isEmpty();

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() ->
                        assertThat(events()).extracting(e -> e.get("type")).contains("opened", "grew"));
        List<Map<String, String>> events = events();
        assertThat(events.stream().flatMap(e -> StreamSchema.HOTSPOT_EVENT.problems(e).stream()))
                .isEmpty();
        Map<String, String> opened = events.stream()
                .filter(e -> e.get("type").equals("opened"))
                .findFirst()
                .orElseThrow();
        assertThat(opened.get("appeals")).isEqualTo(String.join(",", burst.subList(0, 3)));
        assertThat(opened.get("street")).isEqualTo("望京街道");
        // One instant in every event and the API (milliseconds), so a case system may compare them as strings.
        assertThat(opened.get("openedAt")).isEqualTo(h.getString("openedAt"));
        assertThat(events.stream().filter(e -> e.get("type").equals("grew")).map(e -> e.get("openedAt")))
                .containsOnly(h.getString("openedAt"));
        Map<String, String> wrong = new HashMap<>(opened);
        wrong.put("level", "city");
        assertThat(StreamSchema.HOTSPOT_EVENT.problems(wrong)).isNotEmpty();
        assertThat(gw.counter("hotspots.opened", "level", "street")).isEqualTo(1.0);
    }

    @Test
    @Order(2)
    @DisplayName("a redelivered intake entry is not counted again")
    void redelivery() {
        StreamKeys keys = new StreamKeys(PREFIX);
        StreamMessage<String, String> last =
                gw.redis.shared().sync().xrange(keys.intakeStream(), Range.create("-", "+")).stream()
                        .filter(m -> m.getBody().get("intakeId").equals(burst.getLast()))
                        .findFirst()
                        .orElseThrow();
        // The same entry again, as an at-least-once redelivery or a second appender would bring it.
        gw.redis.shared().sync().xadd(keys.intakeStream(), last.getBody());
        String marker = appeal(gw, "装修噪音", "东城区景山街道");
        RedisHotspotStore store = new RedisHotspotStore(gw.redis, new HotspotKeys(PREFIX), Clock.systemUTC());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> gw.redis.shared().sync().zscore(new HotspotKeys(PREFIX).seen(), marker) != null);
        // The count pages get the detecting instance's counts every apply-interval (200ms here).
        long hour = Resolution.HOUR.slot(Instant.now());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            long total = 0;
            for (long c : store.counts(STREET, Resolution.HOUR, hour - 1, 2)) {
                total += c;
            }
            assertThat(total).isEqualTo(4);
        });
        assertThat(appeals(streetHotspot(gw))).containsExactlyElementsOf(burst);
    }

    @Test
    @Order(3)
    @DisplayName("a second gateway on the same Redis, and one started after it stopped, add to the one hotspot")
    void secondAndRestartedGateway() {
        try (ChannelGateway b = ChannelGateway.start(env(PREFIX, "gw-b"))) {
            assertThat(appeals(streetHotspot(b))).containsExactlyElementsOf(burst);
            for (int i = 0; i < 3; i++) {
                burst.add(appeal(b, "停水了，没有水", WANGJING + "1" + i + "号楼"));
            }
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(
                            () -> assertThat(appeals(streetHotspot(b))).containsExactlyInAnyOrderElementsOf(burst));
        }
        try (ChannelGateway c = ChannelGateway.start(env(PREFIX, "gw-c"))) {
            burst.add(appeal(c, "水管爆了，停水", WANGJING + "20号楼"));
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(
                            () -> assertThat(appeals(streetHotspot(c))).containsExactlyInAnyOrderElementsOf(burst));
        }
        assertThat(hotspots(gw, "?state=open&topic=water"))
                .filteredOn(h -> ((JsonObject) h).getString("street") != null)
                .hasSize(1);
    }

    @Test
    @Order(4)
    @DisplayName("the burst's street and district hotspots name each other, in the API and in the stream")
    void nesting() {
        // Eight appeals in 朝阳区 by now: its district hotspot of water opened at the fifth (min-district).
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(hotspots(gw, "?state=open&topic=water"))
                        .extracting(h -> ((JsonObject) h).getString("level"))
                        .containsExactlyInAnyOrder("street", "district"));
        JsonObject street = streetHotspot(gw);
        JsonObject district = hotspots(gw, "?state=open&topic=water").stream()
                .map(JsonObject.class::cast)
                .filter(h -> h.getString("level").equals("district"))
                .findFirst()
                .orElseThrow();
        assertThat(district.getString("district")).isEqualTo("朝阳区");
        assertThat(district.getJsonArray("streetHotspots")).containsExactly(street.getString("id"));
        assertThat(district.getString("districtHotspot")).isNull();
        assertThat(street.getString("districtHotspot")).isEqualTo(district.getString("id"));
        assertThat(street.getJsonArray("streetHotspots")).isEmpty();

        List<Map<String, String>> events = events();
        assertThat(events.stream().flatMap(e -> StreamSchema.HOTSPOT_EVENT.problems(e).stream()))
                .isEmpty();
        Map<String, String> districtOpened = events.stream()
                .filter(e -> e.get("type").equals("opened") && e.get("level").equals("district"))
                .findFirst()
                .orElseThrow();
        assertThat(districtOpened.get("streetHotspots")).isEqualTo(street.getString("id"));
        // The street's events name the district's from the moment it opened: the latest does.
        Map<String, String> streetLatest = events.stream()
                .filter(e -> e.get("level").equals("street"))
                .reduce((a, b) -> b)
                .orElseThrow();
        assertThat(streetLatest.get("districtHotspot")).isEqualTo(district.getString("id"));
    }

    @Test
    @Order(5)
    @DisplayName("bad filters are 400 naming the parameter")
    void badFilters() {
        for (String q :
                List.of("?state=closed", "?topic=Water!", "?district=" + "x".repeat(65), "?state=open&state=all")) {
            HttpResponse<Buffer> r = gw.http
                    .get(gw.port(), "127.0.0.1", "/api/v1/hotspots" + q)
                    .putHeader("authorization", "Bearer " + TestServices.API_TOKEN)
                    .send()
                    .await();
            assertThat(r.statusCode()).as(q).isEqualTo(400);
            assertThat(r.bodyAsString()).as(q).contains(q.substring(1, q.indexOf('=')));
        }
        HttpResponse<Buffer> anonymous =
                gw.http.get(gw.port(), "127.0.0.1", "/api/v1/hotspots").send().await();
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }
}
