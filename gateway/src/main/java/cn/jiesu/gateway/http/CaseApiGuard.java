package cn.jiesu.gateway.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Guards every path under {@code /api/} except the app channel's {@code /api/v1/appeals} (it has its own signature):
 * appeals by id, number or phone, searches, triage, callbacks, the 三率, links and citizen bindings. A request needs
 * {@code Authorization: Bearer <token>} with one of {@code admin.api-token} (the case system; several while one is
 * rotated) or the admin token, compared in constant time. These APIs share the port with the public channels and
 * carry citizens' numbers and texts, so they are closed by default: with no token configured every request is
 * refused with 401 naming the variable to set. Deny by default: a route added under {@code /api/} later is guarded
 * without anyone remembering to list it.
 */
public final class CaseApiGuard implements Handler<RoutingContext> {
    /** The one public path under /api/: the app channel (signed per request by its client secret). */
    static final String APP_CHANNEL = "/api/v1/appeals";

    static final String NOT_CONFIGURED = "the case-handling API refuses every request until a token is configured: "
            + "set JIESU_ADMIN_API_TOKEN (admin.api-token, at least 16 characters) and send Authorization: Bearer "
            + "<token>";

    private final List<Credential> credentials;

    /**
     * @param apiTokens  the case system's tokens (empty: none)
     * @param adminToken the admin token, also accepted here, or null
     */
    public CaseApiGuard(List<String> apiTokens, String adminToken) {
        List<Credential> all = new ArrayList<>();
        for (String t : apiTokens) {
            all.add(new Credential(bytes(t), new ApiPrincipal(ApiPrincipal.Role.CASE, "case:" + fingerprint(t))));
        }
        if (adminToken != null) {
            all.add(new Credential(bytes(adminToken), new ApiPrincipal(ApiPrincipal.Role.ADMIN, "admin")));
        }
        this.credentials = List.copyOf(all);
    }

    /** False when no token at all is configured: then every guarded request is refused. */
    public boolean configured() {
        return !credentials.isEmpty();
    }

    /** Mount before the routes it guards. */
    public void mount(Router router) {
        router.route("/api/*").handler(this);
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (isAppChannel(ctx.normalizedPath())) {
            ctx.next();
            return;
        }
        if (credentials.isEmpty()) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            new ApiError(401, "not_configured", NOT_CONFIGURED, "Authorization").send(ctx);
            return;
        }
        String header = ctx.request().getHeader("authorization");
        byte[] given = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? bytes(header.substring(7).trim())
                : new byte[0];
        ApiPrincipal found = null;
        for (Credential c : credentials) {
            // no early exit: the time does not say which token was close
            if (MessageDigest.isEqual(c.token(), given) && found == null) {
                found = c.principal();
            }
        }
        if (found == null) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            new ApiError(
                            401,
                            "unauthorized",
                            "a valid API token is required (Authorization: Bearer …)",
                            "Authorization")
                    .send(ctx);
            return;
        }
        ctx.put(ApiPrincipal.KEY, found);
        ctx.next();
    }

    private static boolean isAppChannel(String path) {
        String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return p.equals(APP_CHANNEL);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** 8 hex digits of the token's SHA-256: names a token in audit lines without saying anything about it. */
    static String fingerprint(String token) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(bytes(token));
            return HexFormat.of().formatHex(h, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private record Credential(byte[] token, ApiPrincipal principal) {}
}
