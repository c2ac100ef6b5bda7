package cn.jiesu.gateway.console;

import cn.jiesu.core.console.ConsoleSession;
import cn.jiesu.gateway.http.ApiError;
import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.Locale;

/**
 * The console's request checks: the session cookie, the CSRF token on state-changing requests, and the Origin of
 * POSTs and WebSocket handshakes. The cookie is HttpOnly and SameSite=Strict, so another site can neither read it
 * nor make the browser send it; the token and the Origin check stand in for browsers that ignore SameSite.
 */
final class ConsoleGuard {
    static final String CSRF_HEADER = "X-CSRF-Token";
    static final String SESSION_KEY = "console.session";

    private final Sessions sessions;
    private final ConsoleConfig config;

    ConsoleGuard(Sessions sessions, ConsoleConfig config) {
        this.sessions = sessions;
        this.config = config;
    }

    /** Route handler: 401 without a live session, 403 on a foreign Origin or (for POSTs) a missing CSRF token. */
    void authenticated(RoutingContext ctx) {
        if (!sameOrigin(ctx.request())) {
            throw new ApiError(403, "forbidden", "cross-origin request refused", null);
        }
        session(ctx.request()).onComplete(r -> {
            if (r.failed()) {
                ctx.fail(r.cause());
            } else if (r.result() == null) {
                new ApiError(401, "unauthenticated", "sign in first", null).send(ctx);
            } else if (ctx.request().method() == HttpMethod.POST
                    && !r.result().csrf().equals(ctx.request().getHeader(CSRF_HEADER))) {
                new ApiError(403, "forbidden", "missing or wrong CSRF token", null).send(ctx);
            } else {
                ctx.put(SESSION_KEY, r.result());
                ctx.next();
            }
        });
    }

    /** Route handler after {@link #authenticated}: 403 unless a supervisor. */
    static void supervisor(RoutingContext ctx) {
        if (!session(ctx).supervisor()) {
            throw new ApiError(403, "forbidden", "supervisors only", null);
        }
        ctx.next();
    }

    static ConsoleSession session(RoutingContext ctx) {
        return ctx.get(SESSION_KEY);
    }

    /** The live session of the request's cookie, or null. */
    Future<ConsoleSession> session(HttpServerRequest request) {
        Cookie cookie = request.getCookie(Sessions.COOKIE);
        return sessions.resolve(cookie == null ? null : cookie.getValue()).map(o -> o.orElse(null));
    }

    Cookie cookie(String token) {
        return Cookie.cookie(Sessions.COOKIE, token)
                .setPath("/console")
                .setHttpOnly(true)
                .setSameSite(CookieSameSite.STRICT)
                .setSecure(config.cookieSecure())
                .setMaxAge(config.sessionMax().toSeconds());
    }

    Cookie expired() {
        return Cookie.cookie(Sessions.COOKIE, "")
                .setPath("/console")
                .setHttpOnly(true)
                .setSameSite(CookieSameSite.STRICT)
                .setSecure(config.cookieSecure())
                .setMaxAge(0);
    }

    /** True when the request carries no Origin (not a browser's cross-site request) or its own origin. */
    static boolean sameOrigin(HttpServerRequest request) {
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return true;
        }
        String host = request.getHeader("Host");
        try {
            String authority = URI.create(origin).getRawAuthority();
            return host != null
                    && authority != null
                    && authority.toLowerCase(Locale.ROOT).equals(host.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
