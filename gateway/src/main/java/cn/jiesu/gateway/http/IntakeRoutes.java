package cn.jiesu.gateway.http;

import cn.jiesu.core.appeal.AppealRecord;
import cn.jiesu.core.appeal.AppealStore;
import cn.jiesu.core.intake.PhoneNumbers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** Read access to stored appeals: by id and by citizen phone. */
public final class IntakeRoutes {
    static final QueryLimit LIMIT = new QueryLimit(20, 200);

    private final Vertx vertx;
    private final AppealStore store;

    public IntakeRoutes(Vertx vertx, AppealStore store) {
        this.vertx = vertx;
        this.store = store;
    }

    public void mount(Router router) {
        router.get("/api/v1/intakes/:id").handler(this::byId);
        router.get("/api/v1/intakes").handler(this::byPhone);
    }

    private void byId(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (id.length() > 64) {
            throw ApiError.badRequest("id", "not an intake id");
        }
        Future<java.util.Optional<AppealRecord>> lookup = id.chars().allMatch(Character::isDigit)
                ? Future.fromCompletionStage(store.byAppealNo(id), vertx.getOrCreateContext())
                : Future.fromCompletionStage(store.byId(id), vertx.getOrCreateContext());
        lookup.onSuccess(found -> found.ifPresentOrElse(
                        r -> ctx.json(AppealJson.of(r)),
                        () -> ApiError.notFound("no intake with id " + id).send(ctx)))
                .onFailure(ctx::fail);
    }

    private void byPhone(RoutingContext ctx) {
        String raw = ctx.queryParams().get("phone");
        if (raw == null || raw.isBlank()) {
            throw ApiError.badRequest("phone", "query parameter 'phone' is required");
        }
        String phone = PhoneNumbers.normalize(raw);
        if (phone == null || phone.length() < 5 || phone.length() > 20) {
            throw ApiError.badRequest("phone", "not a phone number: " + raw);
        }
        int limit = LIMIT.read(ctx);
        Future.fromCompletionStage(store.byPhone(phone, limit), vertx.getOrCreateContext())
                .onSuccess(list -> {
                    JsonArray items = new JsonArray();
                    list.forEach(r -> items.add(AppealJson.of(r)));
                    ctx.json(new JsonObject().put("phone", phone).put("count", items.size()).put("items", items));
                })
                .onFailure(ctx::fail);
    }
}
