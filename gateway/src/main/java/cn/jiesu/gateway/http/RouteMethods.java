package cn.jiesu.gateway.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What RFC 9110 asks of every resource, applied to the whole router once the route groups are mounted: HEAD wherever
 * GET is (the same answer without the body, which Vert.x drops), and the {@code Allow} header on a 405. A route can
 * opt out of HEAD with {@link #NO_HEAD} metadata (the console's WebSocket, which is only ever a GET upgrade).
 */
public final class RouteMethods {
    /** Route metadata key: set to true on a GET route that must not also answer HEAD. */
    public static final String NO_HEAD = "jiesu.no-head";

    private RouteMethods() {}

    /** Adds HEAD to every route that takes GET but not HEAD. */
    public static void headWhereGet(Router router) {
        for (Route r : router.getRoutes()) {
            Set<HttpMethod> methods = r.methods(); // null on a route for every method
            if (methods != null
                    && methods.contains(HttpMethod.GET)
                    && !methods.contains(HttpMethod.HEAD)
                    && !Boolean.TRUE.equals(r.getMetadata(NO_HEAD))) {
                r.method(HttpMethod.HEAD);
            }
        }
    }

    /**
     * The methods the routes on {@code path} take, comma-separated in a stable order, for the {@code Allow} header of
     * a 405 (regex routes are not read: the groups that have them answer their own 405s).
     */
    public static String allow(Router router, String path) {
        Set<String> exact = new TreeSet<>();
        Set<String> prefix = new TreeSet<>();
        for (Route r : router.getRoutes()) {
            // a ":param" route has its pattern as path (and counts as regex); a routeWithRegex one has none
            if (r.methods() != null && !r.methods().isEmpty() && r.getPath() != null && matches(r, path)) {
                r.methods().forEach(m -> (r.isExactPath() ? exact : prefix).add(m.name()));
            }
        }
        // A path some route names exactly is that route's: a prefix route over it (the console's static files under
        // /console/*) only answers it with a 404 (GET /console/api/login), so its methods are not the path's.
        return String.join(", ", exact.isEmpty() ? prefix : exact);
    }

    private static boolean matches(Route r, String path) {
        String p = r.getPath();
        if (!r.isExactPath()) { // "/console/*": a prefix, given as "/console/"
            String bare = p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
            return path.startsWith(p) || path.equals(bare);
        }
        StringBuilder regex = new StringBuilder();
        for (String segment : p.split("/", -1)) {
            if (!regex.isEmpty() || !segment.isEmpty()) {
                regex.append('/');
            }
            regex.append(segment.startsWith(":") ? "[^/]+" : Pattern.quote(segment));
        }
        return Pattern.matches(regex + "/?", path);
    }
}
