package cn.jiesu.gateway.http;

import cn.jiesu.core.appeal.AppealStoreException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Maps every failure to the JSON error shape, in one place: the client's mistakes get 4xx, ours 5xx. */
public final class ErrorResponses {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

    private ErrorResponses() {}

    public static void install(Router router) {
        // A request whose client is gone (the edge closed its connection: a malformed or slow body) has nobody to
        // answer. Routes without a failure handler of their own (/health, the console, unknown paths) reached Vert.x's
        // "Unhandled exception in router" ERROR with a stack trace; this one, last in order, ends them quietly.
        router.route().failureHandler(ctx -> {
            if (!ClientGone.is(ctx)) {
                ctx.next();
            }
        });
        router.errorHandler(400, ctx -> fail(ctx, new ApiError(400, "bad_request", "malformed request", null)));
        router.errorHandler(
                404,
                ctx -> fail(
                        ctx,
                        ApiError.notFound("no such resource: " + ctx.request().path())));
        router.errorHandler(405, ctx -> {
            String allow = RouteMethods.allow(router, ctx.normalizedPath());
            if (!allow.isEmpty()) {
                ctx.response().putHeader("Allow", allow); // RFC 9110 §15.5.6: a 405 says what is allowed
            }
            fail(
                    ctx,
                    new ApiError(
                            405,
                            "method_not_allowed",
                            ctx.request().method() + " is not allowed on "
                                    + ctx.request().path(),
                            null));
        });
        router.errorHandler(
                413,
                ctx -> fail(
                        ctx, new ApiError(413, "payload_too_large", "request body is larger than the limit", null)));
        router.errorHandler(
                415,
                ctx -> fail(
                        ctx,
                        new ApiError(
                                415,
                                "unsupported_media_type",
                                "unsupported content type: " + ctx.request().getHeader("content-type"),
                                "content-type")));
        router.errorHandler(500, ErrorResponses::internal);
        // A 503 status without a failure is the edge's request timeout (http.request-timeout): say so, not that a
        // backing service is down (a sign-in flood read as Redis being unavailable).
        router.errorHandler(
                503,
                ctx -> fail(
                        ctx,
                        ctx.failure() == null
                                ? new ApiError(
                                        503,
                                        "unavailable",
                                        "the request timed out before it was answered; retry later",
                                        null)
                                : new ApiError(
                                        503, "unavailable", "a backing service is unavailable; retry later", null)));
    }

    private static void internal(RoutingContext ctx) {
        if (ClientGone.is(ctx)) {
            return; // nobody to answer, and not our failure: no ERROR, no stack trace
        }
        Throwable failure = ctx.failure();
        if (failure instanceof ApiError api) {
            api.send(ctx);
            return;
        }
        if (failure instanceof TimeoutException || isUnavailable(failure)) {
            fail(ctx, new ApiError(503, "unavailable", "a backing service is unavailable; retry later", null));
            return;
        }
        LOG.error(
                "unhandled failure on {} {}",
                ctx.request().method(),
                ctx.request().path(),
                failure);
        fail(ctx, new ApiError(500, "internal_error", "internal error", null));
    }

    /** Backing-service failures (Redis down, timeouts) are the server's state, not a bug: 503 with retry. */
    private static boolean isUnavailable(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof TimeoutException || (c instanceof AppealStoreException a && a.retriable())) {
                return true;
            }
        }
        return false;
    }

    private static void fail(RoutingContext ctx, ApiError error) {
        if (error.status() == 503) {
            ctx.response().putHeader("Retry-After", "5");
        }
        error.send(ctx);
    }
}
