package cn.jiesu.gateway.channels;

import cn.jiesu.channels.classify.ReloadableClassifier;
import cn.jiesu.channels.classify.ReloadableClassifier.ReloadResult;
import cn.jiesu.gateway.http.BlockingWork;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.TimeoutHandler;
import java.time.Duration;

/**
 * {@code POST /admin/reload-classification}: re-reads config/classification.yaml without a restart (SIGHUP does
 * the same). 200 with the rule count; 422 with the error when the file does not load, the old rules staying in
 * force.
 *
 * <p>A reload retrains the triage model (about a second), so requests are coalesced: at most one reload runs and at
 * most one waits behind it, and every request that arrives meanwhile gets the waiting one's result (it starts after
 * they arrived, so it reads the file they meant). Without this, a burst of reloads queued one training behind the
 * other until the last ones hit the request timeout (503).
 */
final class AdminRoutes {
    /** Instead of http.request-timeout (the edge exempts /admin/): a training on a busy machine takes seconds. */
    static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final ReloadableClassifier classifier;
    private final AdminGuard guard;
    private final BlockingWork blocking;
    private Future<ReloadResult> running;
    private Future<ReloadResult> queued;

    AdminRoutes(ReloadableClassifier classifier, AdminGuard guard, BlockingWork blocking) {
        this.classifier = classifier;
        this.guard = guard;
        this.blocking = blocking;
    }

    void mount(Router router) {
        router.post("/admin/reload-classification")
                .handler(TimeoutHandler.create(TIMEOUT.toMillis(), 503))
                .handler(guard)
                .handler(ctx -> request(ctx.vertx())
                        .onSuccess(r -> {
                            if (ctx.response().ended()) {
                                return; // the request timed out (a busy machine trains slowly); the reload is logged
                            }
                            ctx.response()
                                    .setStatusCode(r.loaded() ? 200 : 422)
                                    .putHeader("content-type", "application/json; charset=utf-8")
                                    .end(new JsonObject()
                                            .put("loaded", r.loaded())
                                            .put("ruleCount", r.ruleCount())
                                            .put("corpusRows", classifier.corpusRows())
                                            .put("error", r.error())
                                            .encode());
                        })
                        .onFailure(e -> {
                            if (!ctx.response().ended()) {
                                ctx.fail(e);
                            }
                        }));
    }

    /** The reload this request is answered by: a new one, or the one already waiting to start. */
    private synchronized Future<ReloadResult> request(Vertx vertx) {
        if (queued != null) {
            return queued;
        }
        if (running == null) {
            running = settleOnEnd(launch(vertx));
            return running;
        }
        Promise<ReloadResult> next = Promise.promise();
        Future<ReloadResult> q = settleOnEnd(next.future());
        queued = q;
        running.onComplete(previous -> {
            synchronized (this) {
                running = q;
                queued = null;
            }
            launch(vertx).onComplete(next);
        });
        return q;
    }

    private Future<ReloadResult> launch(Vertx vertx) {
        return blocking.run(work -> vertx.executeBlocking(work, false), classifier::reload);
    }

    private Future<ReloadResult> settleOnEnd(Future<ReloadResult> f) {
        f.onComplete(done -> {
            synchronized (this) {
                if (running == f) {
                    running = null;
                }
            }
        });
        return f;
    }
}
