package cn.jiesu.gateway.http;

import io.vertx.ext.web.RoutingContext;
import java.util.Objects;

/**
 * Who made an authenticated case-API request, as audit lines name them: the role and, for the case system, which
 * of its tokens (a fingerprint, never the token) so a rotation can be followed.
 *
 * @param role what the credential may do
 * @param id   {@code case:<8 hex of sha256(token)>} or {@code admin}
 */
public record ApiPrincipal(Role role, String id) {
    static final String KEY = "jiesu.principal";

    /** The roles that reach the case-handling APIs with a bearer token. */
    public enum Role {
        /** The case system (工单): reads appeals, books callbacks, reports resolutions. */
        CASE,
        /** The operator: reads, links and bindings; no writes that dial or resolve. */
        ADMIN
    }

    public ApiPrincipal {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(id, "id");
    }

    /** The principal {@link CaseApiGuard} let through, or null on a route it does not guard. */
    public static ApiPrincipal of(RoutingContext ctx) {
        return ctx.get(KEY);
    }

    /**
     * Route handler after the guard: 403 unless the case system itself is calling. For writes with effects outside
     * Jiesu (a resolution starts a survey call, a booking makes the trunk dial).
     */
    public static void requireCase(RoutingContext ctx) {
        ApiPrincipal p = of(ctx);
        if (p == null || p.role() != Role.CASE) {
            new ApiError(
                            403,
                            "forbidden",
                            "only the case system's token (admin.api-token) may do this",
                            "Authorization")
                    .send(ctx);
            return;
        }
        ctx.next();
    }
}
