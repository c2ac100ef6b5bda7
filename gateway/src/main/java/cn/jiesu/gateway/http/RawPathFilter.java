package cn.jiesu.gateway.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import java.util.Locale;

/**
 * Refuses, before any routing, a request whose raw path would mean something else once decoded: dot segments
 * ({@code .}, {@code ..}, or encoded as {@code %2e}), encoded slashes and backslashes ({@code %2f}, {@code %5c}),
 * raw backslashes and NUL. The router normalizes such a path, so {@code /channels/%2e%2e/api/v1/intakes/x} would
 * reach the case API past a proxy that only lets {@code /channels/*} through; no route of ours needs any of them.
 * Answers 400 with the JSON error naming {@code path}. Stateless and thread-safe.
 */
public final class RawPathFilter implements Handler<HttpServerRequest> {
    private final Handler<HttpServerRequest> next;

    public RawPathFilter(Handler<HttpServerRequest> next) {
        this.next = next;
    }

    @Override
    public void handle(HttpServerRequest request) {
        String problem = problem(request.path());
        if (problem == null) {
            next.handle(request);
            return;
        }
        request.response()
                .setStatusCode(400)
                .putHeader("content-type", "application/json; charset=utf-8")
                .end(new ApiError(400, "bad_path", problem, "path").toJson().encode());
    }

    /** Why {@code rawPath} (as sent, not decoded) is refused, or null when it is fine. */
    static String problem(String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/")) {
            return "the path must be absolute";
        }
        String lower = rawPath.toLowerCase(Locale.ROOT);
        if (lower.contains("%2e")
                || lower.contains("%2f")
                || lower.contains("%5c")
                || lower.contains("%00")
                || rawPath.indexOf('\\') >= 0
                || rawPath.indexOf('\0') >= 0) {
            return "encoded dots, slashes, backslashes or NUL are not allowed in the path";
        }
        for (String segment : rawPath.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return "dot segments are not allowed in the path";
            }
        }
        return null;
    }
}
