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
        Map<String, String> opened = RedisHotspotEvents.fields(new HotspotOpened(h));
        assertThat(opened)
                .containsEntry("schema", "hotspot-event.v1")
                .containsEntry("type", "opened")
                .containsEntry("level", "street")
                .containsEntry("district", "朝阳区")
                .containsEntry("street", "望京街道")
                .containsEntry("window", "15m")
                .containsEntry("appeals", "A1,A2,A3")
                .containsEntry("count", "3")
                .doesNotContainKeys("closedAt", "appealId");
        assertThat(RedisHotspotEvents.fields(new HotspotGrew(h, "A3"))).containsEntry("appealId", "A3");
        assertThat(RedisHotspotEvents.fields(new HotspotClosed(h, T.plusSeconds(3600))))
                .containsEntry("type", "closed")
                .containsEntry("closedAt", "2026-12-06T03:03:00Z");
    }
}
