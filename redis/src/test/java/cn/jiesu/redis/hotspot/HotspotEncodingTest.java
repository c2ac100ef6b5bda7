package cn.jiesu.redis.hotspot;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.core.hotspot.Hotspot;
import cn.jiesu.core.hotspot.HotspotEvent.HotspotClosed;
import cn.jiesu.core.hotspot.HotspotEvent.HotspotGrew;
import cn.jiesu.core.hotspot.HotspotEvent.HotspotOpened;
import cn.jiesu.core.hotspot.HotspotKey;
import cn.jiesu.core.hotspot.HotspotMember;
import cn.jiesu.core.hotspot.OpenHotspot;
import cn.jiesu.core.hotspot.Window;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HotspotEncodingTest {
    private static final Instant T = Instant.parse("2026-12-06T02:03:00Z");
    private static final OpenHotspot STREET = new OpenHotspot(
            "water|STREET|朝阳区/望京街道@A3",
            new HotspotKey("water", HotspotKey.Level.STREET, "朝阳区/望京街道"),
            Window.M15,
            T,
            3,
            2.5e-4,
            3.4e-12);

    @Test
    @DisplayName("an open hotspot survives its Redis encoding exactly, and a closed record keeps its close time")
    void roundTrip() {
        assertThat(OpenCodec.decode(OpenCodec.encode(STREET))).isEqualTo(STREET);
        Instant closed = T.plusSeconds(7200);
        assertThat(OpenCodec.closedAt(OpenCodec.closed(STREET, closed))).isEqualTo(closed);
        assertThat(OpenCodec.decode(OpenCodec.closed(STREET, closed))).isEqualTo(STREET);
    }

    @Test
    @DisplayName("stream entries name the event, split the place, and carry only their type's fields")
    void eventFields() {
        Hotspot h = Hotspot.of(
                STREET,
                List.of(
                        new HotspotMember("A1", T.minusSeconds(120)),
                        new HotspotMember("A2", T.minusSeconds(60)),
                        new HotspotMember("A3", T)));
        Map<String, String> opened = RedisHotspotEvents.fields(new HotspotOpened(h), List.of(STREET));
        assertThat(opened)
                .containsEntry("schema", "hotspot-event.v1")
                .containsEntry("type", "opened")
                .containsEntry("level", "street")
                .containsEntry("district", "朝阳区")
                .containsEntry("street", "望京街道")
                .containsEntry("window", "15m")
                .containsEntry("appeals", "A1,A2,A3")
                .containsEntry("count", "3")
                .doesNotContainKeys("closedAt", "appealId", "districtHotspot", "streetHotspots");
        assertThat(RedisHotspotEvents.fields(new HotspotGrew(h, "A3"), List.of()))
                .containsEntry("appealId", "A3");
        assertThat(RedisHotspotEvents.fields(new HotspotClosed(h, T.plusSeconds(3600)), List.of()))
                .containsEntry("type", "closed")
                .containsEntry("closedAt", "2026-12-06T03:03:00Z");
    }

    @Test
    @DisplayName("a street hotspot names its district's open hotspot of the topic, the district names its streets'")
    void nesting() {
        OpenHotspot district = open("water", HotspotKey.Level.DISTRICT, "朝阳区", "A5", T.plusSeconds(60));
        OpenHotspot otherTopic = open("power", HotspotKey.Level.STREET, "朝阳区/酒仙桥街道", "B3", T);
        OpenHotspot otherDistrict = open("water", HotspotKey.Level.STREET, "海淀区/中关村街道", "C3", T);
        List<OpenHotspot> open = List.of(STREET, district, otherTopic, otherDistrict);
        Hotspot street = Hotspot.of(STREET, List.of(new HotspotMember("A3", T)));
        assertThat(RedisHotspotEvents.fields(new HotspotGrew(street, "A3"), open))
                .containsEntry("districtHotspot", "water|DISTRICT|朝阳区@A5")
                .doesNotContainKey("streetHotspots");
        Hotspot wide = Hotspot.of(district, List.of(new HotspotMember("A5", T.plusSeconds(60))));
        assertThat(RedisHotspotEvents.fields(new HotspotOpened(wide), open))
                .containsEntry("streetHotspots", "water|STREET|朝阳区/望京街道@A3")
                .doesNotContainKey("districtHotspot");
        // Closed, the street no longer nests anything into the district.
        assertThat(RedisHotspotEvents.fields(new HotspotGrew(wide, "A5"), List.of(district)))
                .doesNotContainKeys("streetHotspots", "districtHotspot");
    }

    /** An open hotspot of the key opened by {@code appeal}, its id made as the detector makes it. */
    private static OpenHotspot open(String topic, HotspotKey.Level level, String place, String appeal, Instant at) {
        HotspotKey key = new HotspotKey(topic, level, place);
        return new OpenHotspot(key.id() + "@" + appeal, key, Window.M15, at, 3, 0.2, 1e-9);
    }
}
