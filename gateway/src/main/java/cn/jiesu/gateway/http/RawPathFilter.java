package cn.jiesu.gateway.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Refuses, before any routing, a request whose raw path would mean something else once decoded: dot segments
 * ({@code .}, {@code ..}, or encoded as {@code %2e}), encoded slashes and backslashes ({@code %2f}, {@code %5c}),
 * raw backslashes and NUL. The router normalizes such a path, so {@code /channels/%2e%2e/api/v1/intakes/x} would
 * reach the case API past a proxy that only lets {@code /channels/*} through; no route of ours needs any of them.
 * Answers 400 with the JSON error naming {@code path}. The query is checked too (see {@link #queryProblem}),
 * answered the same way naming {@code query}. Stateless and thread-safe.
 */
public final class RawPathFilter implements Handler<HttpServerRequest> {
    private final Handler<HttpServerRequest> next;

    public RawPathFilter(Handler<HttpServerRequest> next) {
        this.next = next;
    }

    @Override
    public void handle(HttpServerRequest request) {
        String problem = problem(request.path());
        if (problem != null) {
            refuse(request, new ApiError(400, "bad_path", problem, "path"));
            return;
        }
        String query = queryProblem(request.query());
        if (query != null) {
            refuse(request, new ApiError(400, "bad_query", query, "query"));
            return;
        }
        next.handle(request);
    }

    private static void refuse(HttpServerRequest request, ApiError error) {
        request.response()
                .setStatusCode(400)
                .putHeader("content-type", "application/json; charset=utf-8")
                .end(error.toJson().encode());
    }

    /**
     * Why {@code rawQuery} (as sent) is refused, or null when it is fine. A query is ASCII with UTF-8 behind its
     * %XX escapes (RFC 3986): raw non-ASCII bytes would be read as Latin-1 and a name such as 朝阳区 would match
     * nothing and answer an empty 200; a broken escape would fail deep in a route as a 500; NUL has no use.
     */
    static String queryProblem(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(rawQuery.length());
        for (int i = 0; i < rawQuery.length(); i++) {
            char c = rawQuery.charAt(i);
            if (c == 0) {
                return "NUL is not allowed in the query";
            }
            if (c <= 0x20 || c == 0x7F) {
                return "the query must be printable ASCII: percent-encode spaces and control characters (%20)";
            }
            if (c > 0x7F) {
                return "the query must be ASCII: percent-encode other characters as UTF-8 (%E6%9C%9D for 朝)";
            }
            if (c != '%') {
                bytes.write(c);
                continue;
            }
            if (i + 2 >= rawQuery.length() || hex(rawQuery.charAt(i + 1)) < 0 || hex(rawQuery.charAt(i + 2)) < 0) {
                return "a '%' in the query must start a %XX escape (write %25 for '%' itself)";
            }
            int b = hex(rawQuery.charAt(i + 1)) * 16 + hex(rawQuery.charAt(i + 2));
            if (b == 0) {
                return "NUL (%00) is not allowed in the query";
            }
            bytes.write(b);
            i += 2;
        }
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()));
        } catch (CharacterCodingException e) {
            return "the query's %XX escapes must encode UTF-8";
        }
        return null;
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

    /** An ASCII hex digit's value, else -1 (Character.digit also takes fullwidth and other scripts' digits). */
    private static int hex(char c) {
        return c < 0x80 ? Character.digit(c, 16) : -1;
    }
}
