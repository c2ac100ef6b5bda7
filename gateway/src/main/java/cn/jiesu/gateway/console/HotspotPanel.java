package cn.jiesu.gateway.console;

import cn.jiesu.core.hotspot.HotspotView;
import cn.jiesu.core.place.PlaceResolution;
import cn.jiesu.gateway.hotspot.HotspotJson;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The hotspots as the wallboard and the agents' panels show them, and which of them an agent's form is about: the
 * same topic as the form's text (triage's rules) and the same place as its address (the gazetteer), a street
 * hotspot by its street, a district hotspot by its district. Matching by the call's own and the caller's earlier
 * appeals (a hotspot lists its appeal ids) is the browser's: it holds both lists.
 */
final class HotspotPanel {
    /** Hotspots closed this long ago still show, greyed: the supervisor sees that an incident has calmed. */
    static final Duration CLOSED_WITHIN = Duration.ofHours(3);
    /** A form's text and address beyond these are not a form's (the form's own limits are 4000 and 500). */
    static final int MAX_CONTENT = 4000;

    static final int MAX_ADDRESS = 500;

    private final HotspotDesk desk;
    private final Context context;
    private final Clock clock;
    private String lastSent;

    HotspotPanel(HotspotDesk desk, Context context, Clock clock) {
        this.desk = desk;
        this.context = context;
        this.clock = clock;
    }

    /**
     * {@code {at, enabled, hotspots: [...]}}: open ones first, then closed lately, as the board orders them; each
     * hotspot as {@code GET /api/v1/hotspots} gives it ({@link HotspotJson}).
     */
    Future<JsonObject> current() {
        if (!desk.enabled()) {
            return Future.succeededFuture(json(List.of()).put("enabled", false));
        }
        return Future.fromCompletionStage(desk.board().current(CLOSED_WITHIN), context)
                .map(this::json);
    }

    /**
     * The frame to push when the list changed since the last push (null otherwise): a tick that changes nothing
     * sends nothing, so a screen reader's live region is not re-read every few seconds.
     */
    String changed(JsonObject current) {
        JsonObject data = current.copy();
        data.remove("at");
        String key = data.encode();
        if (key.equals(lastSent)) {
            return null;
        }
        lastSent = key;
        return new JsonObject().put("type", "hotspots").put("data", current).encode();
    }

    JsonObject json(List<HotspotView> views) {
        JsonArray list = new JsonArray();
        views.forEach(v -> list.add(HotspotJson.of(v)));
        return new JsonObject()
                .put("at", clock.instant().toString())
                .put("enabled", true)
                .put("hotspots", list);
    }

    /**
     * Where and about what a form is: {@code {place: {district, street}|null, topics: [...]}}, and the ids of the
     * open hotspots in {@code current} it matches.
     */
    JsonObject match(JsonObject current, String address, String content) {
        PlaceResolution place = desk.places() == null || address == null || address.isBlank()
                ? null
                : desk.places().resolve(address);
        Set<String> topics = desk.topics() == null || content == null || content.isBlank()
                ? Set.of()
                : desk.topics().classify(content).topics();
        JsonArray ids = new JsonArray();
        boolean placed = place != null && place.resolved();
        if (placed && !topics.isEmpty()) {
            String district = place.district().name();
            String street = place.unit() == null ? null : place.unit().name();
            current.getJsonArray("hotspots").forEach(o -> {
                JsonObject h = (JsonObject) o;
                boolean samePlace = district.equals(h.getString("district"))
                        && (h.getString("street") == null
                                || h.getString("street").equals(street));
                if (HotspotJson.open(h) && samePlace && topics.contains(h.getString("topic"))) {
                    ids.add(h.getString("id"));
                }
            });
        }
        return new JsonObject()
                .put(
                        "place",
                        placed
                                ? new JsonObject()
                                        .put("district", place.district().name())
                                        .put(
                                                "street",
                                                place.unit() == null
                                                        ? null
                                                        : place.unit().name())
                                : null)
                .put("topics", new JsonArray(topics.stream().sorted().toList()))
                .put("matches", ids);
    }
}
