package cn.jiesu.gateway.channels;

import cn.jiesu.channels.classify.ReloadableClassifier;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * {@code POST /admin/reload-classification}: re-reads config/classification.yaml without a restart (SIGHUP does
 * the same). 200 with the rule count; 422 with the error when the file does not load, the old rules staying in
 * force.
 */
final class AdminRoutes {
    private final ReloadableClassifier classifier;
    private final AdminGuard guard;

    AdminRoutes(ReloadableClassifier classifier, AdminGuard guard) {
        this.classifier = classifier;
        this.guard = guard;
    }

    void mount(Router router) {
        router.post("/admin/reload-classification").handler(guard).handler(ctx -> ctx.vertx()
                .executeBlocking(classifier::reload, false)
                .onSuccess(r -> {
                    if (ctx.response().ended()) {
                        return; // the request timed out (a busy machine trains slowly); the reload is logged
                    }
                    ctx.response().setStatusCode(r.loaded() ? 200 : 422)
                            .putHeader("content-type", "application/json; charset=utf-8")
                            .end(new JsonObject().put("loaded", r.loaded()).put("ruleCount", r.ruleCount())
                                    .put("corpusRows", classifier.corpusRows()).put("error", r.error()).encode());
                })
                .onFailure(e -> {
                    if (!ctx.response().ended()) {
                        ctx.fail(e);
                    }
                }));
    }
}
