package cn.jiesu.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.channels.classify.ReloadableClassifier;
import cn.jiesu.core.classify.TextNormalizer;
import cn.jiesu.core.place.PlaceResolver;
import cn.jiesu.gateway.config.GazetteerFile;
import cn.jiesu.testkit.MutableClock;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The console's hotspot JSON and form matching over hotspots the real detector opened, the real Beijing gazetteer
 * placing the form's address and the real classification rules giving its text a topic.
 */
class HotspotPanelTest {
    private static PlaceResolver places;
    private static ReloadableClassifier classifier;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T02:00:00Z"));
    private DetectedHotspots board;
    private Vertx vertx;
    private HotspotPanel panel;

    @BeforeAll
    static void load() {
        places = new PlaceResolver(GazetteerFile.load(Path.of("../config/gazetteer/beijing.yaml")));
        classifier = ReloadableClassifier.load(Path.of("../config/classification.yaml"), TextNormalizer.standard());
    }

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
        board = new DetectedHotspots(clock).history(clock.instant());
        panel = new HotspotPanel(new HotspotDesk(board, places, classifier), vertx.getOrCreateContext(), clock);
    }

    @AfterEach
    void tearDown() {
        vertx.close().await();
    }

    private void waterBurst(int n) {
        for (int i = 0; i < n; i++) {
            clock.advance(Duration.ofMinutes(1));
            board.observe(clock.instant(), "water", "朝阳区", "望京街道");
        }
    }

    private JsonObject current() {
        return panel.current().await();
    }

    private static JsonObject streetHotspot(JsonObject current) {
        return current.getJsonArray("hotspots").stream()
                .map(JsonObject.class::cast)
                .filter(h -> "street".equals(h.getString("level")))
                .findFirst()
                .orElseThrow();
    }

    @Test
    @DisplayName("a burst of water appeals on one street shows as an open street hotspot with its appeals")
    void listsDetectedHotspot() {
        assertThat(current().getJsonArray("hotspots")).isEmpty();
        waterBurst(4);
        JsonObject h = streetHotspot(current());
        assertThat(h.getString("topic")).isEqualTo("water");
        assertThat(h.getString("district")).isEqualTo("朝阳区");
        assertThat(h.getString("street")).isEqualTo("望京街道");
        assertThat(h.getString("state")).isEqualTo("open");
        assertThat(h.getString("window")).isEqualTo("15m");
        assertThat(h.getInteger("count")).isBetween(3, 4);
        assertThat(h.getJsonArray("appeals")).hasSize(h.getInteger("count"));
        assertThat(Instant.parse(h.getString("latest"))).isEqualTo(clock.instant());
        assertThat(h.getDouble("growthPerHour")).isEqualTo(h.getInteger("count").doubleValue());
    }

    @Test
    @DisplayName(
            "a form about water at an address in the hotspot's street matches it; another street or topic does not")
    void matchesFormByPlaceAndTopic() {
        waterBurst(4);
        JsonObject current = current();
        String id = streetHotspot(current).getString("id");

        JsonObject same = panel.match(current, "朝阳区望京街道花家地北里3号楼", "家里停水了，什么时候来水");
        assertThat(same.getJsonObject("place").getString("street")).isEqualTo("望京街道");
        assertThat(same.getJsonArray("topics")).contains("water");
        assertThat(same.getJsonArray("matches")).contains(id);

        JsonObject otherStreet = panel.match(current, "朝阳区双井街道富力城", "家里停水了");
        assertThat(otherStreet.getJsonObject("place").getString("street")).isEqualTo("双井街道");
        assertThat(otherStreet.getJsonArray("matches")).doesNotContain(id);

        JsonObject otherTopic = panel.match(current, "朝阳区望京街道花家地北里", "楼下饭馆油烟太大");
        assertThat(otherTopic.getJsonArray("matches")).doesNotContain(id);

        JsonObject nowhere = panel.match(current, "小区门口", "停水");
        assertThat(nowhere.getValue("place")).isNull();
        assertThat(nowhere.getJsonArray("matches")).isEqualTo(new JsonArray());
    }

    @Test
    @DisplayName("a frame is pushed when the list changes and not on a tick that changes nothing")
    void pushesOnChangeOnly() {
        assertThat(panel.changed(current())).isNotNull();
        clock.advance(Duration.ofSeconds(5));
        assertThat(panel.changed(current()))
                .as("nothing changed, only the time")
                .isNull();
        waterBurst(4);
        String opened = panel.changed(current());
        assertThat(new JsonObject(opened).getString("type")).isEqualTo("hotspots");
        assertThat(panel.changed(current())).isNull();
        waterBurst(1);
        assertThat(panel.changed(current())).as("the hotspot grew").isNotNull();
    }

    @Test
    @DisplayName("every topic of the classification rules has a Chinese and an English name in the console's bundles")
    void everyTopicNamed() throws Exception {
        java.util.Set<String> topics = new java.util.TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^\\s*topic:\\s*([\\w-]+)")
                .matcher(java.nio.file.Files.readString(Path.of("../config/classification.yaml")));
        while (m.find()) {
            topics.add(m.group(1));
        }
        assertThat(topics).contains("water", "power", "heating", "drainage");
        for (String lang : new String[] {"zh", "en"}) {
            try (java.io.InputStream in = getClass().getResourceAsStream("/console/i18n/" + lang + ".json")) {
                JsonObject bundle =
                        new JsonObject(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                for (String t : topics) {
                    assertThat(bundle.getString("topic." + t))
                            .as(lang + " topic." + t)
                            .isNotBlank();
                }
            }
        }
    }

    @Test
    @DisplayName("without a board the panel says detection is off, with an empty list")
    void disabled() {
        HotspotPanel off = new HotspotPanel(HotspotDesk.none(), vertx.getOrCreateContext(), clock);
        JsonObject json = off.current().await();
        assertThat(json.getBoolean("enabled")).isFalse();
        assertThat(json.getJsonArray("hotspots")).isEmpty();
        assertThat(off.match(json, "朝阳区望京街道", "停水").getJsonArray("matches")).isEmpty();
    }
}
