package cn.jiesu.gateway.channels;

import cn.jiesu.core.intake.Channel;
import cn.jiesu.core.intake.PhoneNumbers;
import cn.jiesu.gateway.http.ApiError;
import cn.jiesu.gateway.http.JsonObjectBody;
import cn.jiesu.redis.channels.CitizenIndex;
import cn.jiesu.redis.intake.RedisAppealStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.CompletionStage;

/**
 * Undoing and making cross-channel links by hand (admin token): {@code DELETE} / {@code POST
 * /api/v1/intakes/{id}/related/{otherId}} removes / adds the link on both appeals, and {@code POST} / {@code DELETE
 * /api/v1/citizen-bindings} with {@code {"a": "WEIBO:2489518277", "b": "phone:13800138000"}} records / forgets that
 * two identities are one citizen, so the merge links their later appeals.
 */
final class LinkRoutes {
    private static final String ID = "[0-9A-Za-z-]{1,64}";

    private final RedisAppealStore store;
    private final CitizenIndex citizens;
    private final AdminGuard guard;

    LinkRoutes(RedisAppealStore store, CitizenIndex citizens, AdminGuard guard) {
        this.store = store;
        this.citizens = citizens;
        this.guard = guard;
    }

    void mount(Router router) {
        String related = "/api/v1/intakes/:id/related/:otherId";
        router.delete(related).handler(guard).handler(ctx -> pair(ctx, false));
        router.post(related).handler(guard).handler(ctx -> pair(ctx, true));
        router.post("/api/v1/citizen-bindings").handler(guard).handler(ctx -> binding(ctx, true));
        router.delete("/api/v1/citizen-bindings").handler(guard).handler(ctx -> binding(ctx, false));
    }

    private void pair(RoutingContext ctx, boolean link) {
        String a = ctx.pathParam("id");
        String b = ctx.pathParam("otherId");
        if (!a.matches(ID) || !b.matches(ID) || a.equals(b)) {
            throw ApiError.badRequest(a.matches(ID) ? "otherId" : "id", "two different intake ids are required");
        }
        future(ctx, link ? store.link(a, b) : store.unlink(a, b))
                .onSuccess(changed -> {
                    if (!changed) {
                        ApiError.notFound(link ? "no such intake" : "these intakes are not linked")
                                .send(ctx);
                        return;
                    }
                    ctx.json(new JsonObject()
                            .put("intakeId", a)
                            .put("otherId", b)
                            .put("linked", link));
                })
                .onFailure(ctx::fail);
    }

    private void binding(RoutingContext ctx, boolean bind) {
        JsonObject body = JsonObjectBody.of(ctx, "{\"a\": identity, \"b\": identity}");
        String a = identity(body, "a");
        String b = identity(body, "b");
        if (a.equals(b)) {
            throw ApiError.badRequest("b", "must differ from a");
        }
        future(ctx, bind ? citizens.bind(a, b) : citizens.unbind(a, b))
                .onSuccess(changed -> ctx.json(new JsonObject()
                        .put("a", a)
                        .put("b", b)
                        .put("bound", bind)
                        .put("changed", changed)))
                .onFailure(ctx::fail);
    }

    /** {@code phone:<digits>} or {@code <CHANNEL>:<channel user id>}, as CitizenKeys writes them. */
    private static String identity(JsonObject body, String field) {
        Object v = body.getValue(field);
        if (!(v instanceof String s) || s.length() > 200 || s.chars().anyMatch(c -> c <= ' ')) {
            throw ApiError.badRequest(field, "an identity such as phone:13800138000 or WEIBO:2489518277");
        }
        int colon = s.indexOf(':');
        String kind = colon < 0 ? "" : s.substring(0, colon);
        String rest = colon < 0 ? "" : s.substring(colon + 1);
        boolean ok = !rest.isEmpty() && (kind.equals("phone") ? rest.matches("\\+?[0-9]{7,20}") : isChannel(kind));
        if (!ok) {
            throw ApiError.badRequest(field, "an identity such as phone:13800138000 or WEIBO:2489518277");
        }
        // a number is bound as the index knows it: phone:+8613800138000 is phone:13800138000
        return kind.equals("phone") ? "phone:" + PhoneNumbers.normalize(rest) : s;
    }

    private static boolean isChannel(String name) {
        for (Channel c : Channel.values()) {
            if (c.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static <T> Future<T> future(RoutingContext ctx, CompletionStage<T> stage) {
        return Future.fromCompletionStage(stage, ctx.vertx().getOrCreateContext());
    }
}
