package cn.jiesu.channels.open311;

import cn.jiesu.channels.ChannelResult;
import cn.jiesu.channels.HttpReply;
import cn.jiesu.channels.InputRejected;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * Errors in the GeoReport v2 shape: a top-level array of {@code {"code": <int>, "description": "…"}}. The field
 * name leads the description ({@code "lat: out of range -90..90"}, {@code "service_code 9999 not found"}), which
 * keeps the body exactly in the spec's shape for existing clients while still naming the field.
 */
public final class Open311Errors {
    /** The spec's own wording for a bad api_key. */
    public static final String INVALID_API_KEY = "Invalid api_key received -- can't proceed with create_request.";
    /** At most this many characters of a client's value are echoed in an error. */
    static final int MAX_ECHO = 64;

    private Open311Errors() {}

    public static ChannelResult.Rejected of(InputRejected e) {
        return of(e.status(), e.code(), e.field(), e.getMessage());
    }

    public static ChannelResult.Rejected of(int status, String code, String field, String description) {
        JsonArray body =
                new JsonArray().add(new JsonObject().put("code", status).put("description", description));
        return new ChannelResult.Rejected(status, code, field, description, HttpReply.json(status, body.encode()));
    }

    public static ChannelResult.Rejected notFound(String what) {
        return of(404, "not_found", null, what + " not found");
    }

    /**
     * 404 for a {@code service_code} or {@code jurisdiction_id} we do not have: the spec's "404 - service_code or
     * jurisdiction_id was not found", for POST and every GET alike.
     */
    static InputRejected unknown(String field, String value) {
        return new InputRejected(404, "not_found", field, field + " " + safe(value) + " not found");
    }

    /**
     * {@code s} as it may be echoed in an error: characters outside [A-Za-z0-9_.:-] become '?' (one per code point,
     * so an emoji is one '?'), at most {@link #MAX_ECHO} of them. Counted on the result, never on {@code s}: a
     * surrogate pair shrinks to one character.
     */
    static String safe(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        s.codePoints().limit(MAX_ECHO).forEach(c -> out.append(safeChar(c) ? (char) c : '?'));
        return out.toString();
    }

    private static boolean safeChar(int c) {
        return c >= 'a' && c <= 'z'
                || c >= 'A' && c <= 'Z'
                || c >= '0' && c <= '9'
                || c == '_'
                || c == '.'
                || c == ':'
                || c == '-';
    }

    public static ChannelResult.Rejected tooManyRequests(Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        ChannelResult.Rejected r = of(429, "quota_exceeded", null, "quota exceeded, retry after " + seconds + " s");
        return new ChannelResult.Rejected(
                429, r.code(), null, r.message(), r.reply().withHeader("Retry-After", Long.toString(seconds)));
    }
}
