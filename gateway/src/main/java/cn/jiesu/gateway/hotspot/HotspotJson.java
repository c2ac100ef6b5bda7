package cn.jiesu.gateway.hotspot;

import cn.jiesu.core.hotspot.HotspotView;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * A hotspot as JSON, the one shape every reader gets: {@code GET /api/v1/hotspots}, the console's list and form
 * match, and the wallboard's push (openapi.json's {@code Hotspot} schema).
 */
public final class HotspotJson {
    private HotspotJson() {}

    public static JsonObject of(HotspotView v) {
        return new JsonObject()
                .put("id", v.id())
                .put("state", v.open() ? "open" : "closed")
                .put("topic", v.topic())
                .put("level", v.level().name().toLowerCase(Locale.ROOT))
                .put("district", v.district())
                .put("street", v.street())
                .put("window", v.window().label())
                .put("openedAt", v.openedAt().toString())
                .put("closedAt", v.closedAt() == null ? null : v.closedAt().toString())
                .put("first", v.first().toString())
                .put("latest", v.latest().toString())
                .put("count", v.count())
                .put("growthPerHour", v.growthPerHour())
                .put("observed", v.observed())
                .put("expected", v.expected())
                .put("appeals", new JsonArray(v.appealIds()))
                .put("districtHotspot", v.districtHotspot())
                .put("streetHotspots", new JsonArray(v.streetHotspots()));
    }

    /** Whether a hotspot in this shape is open. */
    public static boolean open(JsonObject hotspot) {
        return "open".equals(hotspot.getString("state"));
    }
}
