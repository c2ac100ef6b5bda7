package cn.jiesu.gateway.channels;

import io.vertx.ext.web.Route;
import java.util.regex.Pattern;

/** A mounted Vert.x route as an OpenAPI path template, for the test that holds the router and the document together. */
final class RouteTemplates {
    private static final Pattern GROUP = Pattern.compile("\\(\\?<([A-Za-z0-9]+)>[^)]*\\)");

    private RouteTemplates() {}

    /**
     * {@code /api/v1/intakes/:id} as {@code /api/v1/intakes/{id}}, a regex route's named groups as parameters, a
     * prefix route as {@code /console/*}; null for a route on every path (body handler, timeout, error pages).
     */
    static String template(Route route) {
        String path = route.getPath();
        if (path == null) {
            String name = route.getName();
            if (name == null || !name.startsWith("/")) {
                return null;
            }
            return GROUP.matcher(name).replaceAll("{$1}").replace("\\.", ".");
        }
        if (!route.isExactPath()) {
            return (path.endsWith("/") ? path : path + "/") + "*";
        }
        return path.replaceAll(":([A-Za-z0-9]+)", "{$1}");
    }

    /** Whether the prefix route {@code routed} ({@code /console/*}) serves the documented {@code path}. */
    static boolean covers(String routed, String path) {
        return routed.endsWith("/*") && path.startsWith(routed.substring(0, routed.length() - 1));
    }
}
