package cn.jiesu.gateway.http;

import cn.jiesu.core.appeal.AppealFilter;
import cn.jiesu.core.appeal.AppealPage;
import cn.jiesu.core.appeal.AppealQuery;
import cn.jiesu.core.appeal.AppealRecord;
import cn.jiesu.core.appeal.AppealSearch;
import cn.jiesu.core.appeal.AppealStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * Read access to stored appeals: one by id or appeal number, and lists ({@code GET /api/v1/intakes}) by phone,
 * citizen identity and text, any combination (see {@link IntakeQueryParams}), newest first, a page at a time.
 */
public final class IntakeRoutes {
    private final Vertx vertx;
    private final AppealStore store;
    private final AppealSearch search;

    public IntakeRoutes(Vertx vertx, AppealStore store, AppealSearch search) {
        this.vertx = vertx;
        this.store = store;
        this.search = search;
    }

    public void mount(Router router) {
        router.get("/api/v1/intakes/:id").handler(this::byId);
        router.get("/api/v1/intakes").handler(this::list);
    }

    private void byId(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (id.length() > 64) {
            throw ApiError.badRequest("id", "not an intake id");
        }
        Future<Optional<AppealRecord>> lookup =
                Future.fromCompletionStage(store.byIdOrAppealNo(id), vertx.getOrCreateContext());
        lookup.onSuccess(found -> found.ifPresentOrElse(
                        r -> ctx.json(AppealJson.of(r)),
                        () -> ApiError.notFound("no intake with id " + id).send(ctx)))
                .onFailure(ctx::fail);
    }

    /**
     * {@code {"count", "items": [appeal…], "nextCursor"}} plus the filters as understood: {@code phone},
     * {@code channelUserId} with the {@code identities} searched (the one asked and those bound to it), {@code q}.
     */
    private void list(RoutingContext ctx) {
        AppealQuery query = IntakeQueryParams.read(ctx.queryParams());
        Future.fromCompletionStage(search.find(query), vertx.getOrCreateContext())
                .onSuccess(page -> ctx.json(json(page, ctx.queryParams().get("q"))))
                .onFailure(ctx::fail);
    }

    private static JsonObject json(AppealPage page, String q) {
        JsonArray items = new JsonArray();
        page.items().forEach(r -> items.add(AppealJson.of(r)));
        JsonObject out = new JsonObject();
        for (AppealFilter f : page.filters()) {
            switch (f) {
                case AppealFilter.ByPhone p -> out.put("phone", p.digits());
                case AppealFilter.ByCitizen c ->
                    out.put("channelUserId", c.asked())
                            .put(
                                    "identities",
                                    new JsonArray(c.identities().stream().toList()));
                case AppealFilter.ByText t -> out.put("q", q);
                case AppealFilter.UnderReview r -> out.put("review", r.review());
            }
        }
        return out.put("count", items.size())
                .put("items", items)
                .put("nextCursor", page.next() == null ? null : page.next().encode());
    }
}
