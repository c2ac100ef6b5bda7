package cn.jiesu.gateway.hotspot;

import cn.jiesu.core.hotspot.HotspotBoard;
import cn.jiesu.core.hotspot.HotspotView;
import cn.jiesu.gateway.http.ApiError;
import cn.jiesu.gateway.http.KnownNames;
import cn.jiesu.gateway.http.QueryParams;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code GET /api/v1/hotspots?state=open|all&topic=&district=&street=}: the hotspots open now and (state=all, the
 * default) those closed in the last 24 h, open first, then by latest appeal. Guarded like every case API
 * ({@link cn.jiesu.gateway.http.CaseApiGuard}).
 */
final class HotspotRoutes {
    static final Duration CLOSED_WITHIN = Duration.ofHours(24);
    private static final Pattern TOPIC = Pattern.compile("[a-z][a-z0-9_-]{0,39}");
    private static final int MAX_PLACE_CHARS = 64;

    private final Vertx vertx;
    private final HotspotBoard board;
    private final KnownNames names;

    HotspotRoutes(Vertx vertx, HotspotBoard board, KnownNames names) {
        this.vertx = vertx;
        this.board = board;
        this.names = names;
    }

    void mount(Router router) {
        router.get("/api/v1/hotspots").handler(this::list);
    }

    private void list(RoutingContext ctx) {
        String state = param(ctx, "state");
        if (state != null && !state.equals("open") && !state.equals("all")) {
            throw ApiError.badRequest("state", "state must be open or all");
        }
        boolean openOnly = "open".equals(state);
        String topic = param(ctx, "topic");
        if (topic != null && !TOPIC.matcher(topic).matches()) {
            throw ApiError.badRequest("topic", "topic must be a classification topic such as water or heating");
        }
        names.topic("topic", topic);
        String district = names.district("district", place(ctx, "district"));
        String street = names.street("street", district, place(ctx, "street"));
        Future.fromCompletionStage(board.current(openOnly ? Duration.ZERO : CLOSED_WITHIN), vertx.getOrCreateContext())
                .map(all -> {
                    List<HotspotView> chosen = all.stream()
                            .filter(v -> !openOnly || v.open())
                            .filter(v -> topic == null || topic.equals(v.topic()))
                            .filter(v -> district == null || district.equals(v.district()))
                            .filter(v -> street == null || street.equals(v.street()))
                            .toList();
                    JsonArray list = new JsonArray();
                    chosen.forEach(v -> list.add(HotspotJson.of(v)));
                    return new JsonObject()
                            .put("state", openOnly ? "open" : "all")
                            .put("count", chosen.size())
                            .put("hotspots", list);
                })
                .onSuccess(ctx::json)
                .onFailure(ctx::fail);
    }

    private static String param(RoutingContext ctx, String name) {
        String s = QueryParams.single(ctx.queryParams(), name);
        s = s == null ? null : s.trim();
        return s == null || s.isEmpty() ? null : s;
    }

    private static String place(RoutingContext ctx, String name) {
        String s = param(ctx, name);
        if (s != null && s.length() > MAX_PLACE_CHARS) {
            throw ApiError.badRequest(
                    name, name + " must be a gazetteer name of at most " + MAX_PLACE_CHARS + " characters");
        }
        if (s != null && s.chars().anyMatch(Character::isISOControl)) {
            throw ApiError.badRequest(name, name + " must not contain control characters (line breaks, tabs, NUL)");
        }
        return s;
    }
}
