package cn.jiesu.gateway.channels;

import cn.jiesu.gateway.http.ApiError;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Lets a request through only with {@code Authorization: Bearer <admin.token>} (compared in constant time).
 * Without a configured token every request is refused with 403; a missing or wrong token gets 401.
 */
final class AdminGuard implements Handler<RoutingContext> {
    private final byte[] token;

    AdminGuard(String token) {
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (token == null) {
            new ApiError(403, "admin_disabled", "no admin token is configured (admin.token)", null).send(ctx);
            return;
        }
        String header = ctx.request().getHeader("authorization");
        byte[] given = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).trim().getBytes(StandardCharsets.UTF_8)
                : new byte[0];
        if (!MessageDigest.isEqual(token, given)) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            new ApiError(401, "unauthorized", "a valid admin token is required", "Authorization").send(ctx);
            return;
        }
        ctx.next();
    }
}
