package cn.jiesu.gateway.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Guards the case-handling APIs (appeals by id or phone, callbacks, the 三率) with {@code Authorization: Bearer
 * <admin.api-token>} (the admin token is accepted too), compared in constant time. They share the port with the
 * public channel endpoints and carry citizens' numbers and texts, so a gateway reachable from the internet must set
 * the token (or expose only the channel paths through its proxy). Without a token they stay open, for deployments
 * where the port is internal.
 */
public final class InternalApiGuard implements Handler<RoutingContext> {
    /** The guarded paths; the app API ({@code /api/v1/appeals}) has its own signature and is not among them. */
    static final List<String> PATHS = List.of("/api/v1/intakes*", "/api/v1/callbacks*", "/api/v1/rates*",
            "/api/v1/triage*");

    private final List<byte[]> tokens;

    /** @param apiToken the API token, or null (guard off); @param adminToken also accepted, or null */
    public InternalApiGuard(String apiToken, String adminToken) {
        this.tokens = apiToken == null ? List.of() : Stream.of(apiToken, adminToken)
                .filter(Objects::nonNull).map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
    }

    public boolean enabled() {
        return !tokens.isEmpty();
    }

    public void mount(Router router) {
        if (enabled()) {
            PATHS.forEach(p -> router.route(p).handler(this));
        }
    }

    @Override
    public void handle(RoutingContext ctx) {
        String header = ctx.request().getHeader("authorization");
        byte[] given = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).trim().getBytes(StandardCharsets.UTF_8) : new byte[0];
        boolean ok = false;
        for (byte[] t : tokens) {
            ok |= MessageDigest.isEqual(t, given); // no early exit: the time does not say which token was close
        }
        if (!ok) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            new ApiError(401, "unauthorized", "a valid API token is required (Authorization: Bearer …)",
                    "Authorization").send(ctx);
            return;
        }
        ctx.next();
    }
}
