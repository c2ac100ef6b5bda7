package cn.jiesu.gateway.http;

import io.vertx.core.http.HttpClosedException;
import io.vertx.ext.web.RoutingContext;

/**
 * Whether a failed request failed because its client went away (closed the connection mid-body, or the edge closed
 * it: a slow body's 408). Found by SlowClientIT: BodyHandler fails such a request and the error handlers logged an
 * ERROR with a stack trace for what is a client's doing, with nobody left to answer.
 */
public final class ClientGone {
    private ClientGone() {}

    public static boolean is(RoutingContext ctx) {
        for (Throwable c = ctx.failure(); c != null; c = c.getCause()) {
            if (c instanceof HttpClosedException) {
                return true;
            }
        }
        return ctx.response().closed();
    }
}
