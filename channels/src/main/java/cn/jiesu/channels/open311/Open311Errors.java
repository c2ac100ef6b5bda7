package cn.jiesu.channels.open311;

import cn.jiesu.channels.ChannelResult;
import cn.jiesu.channels.HttpReply;
import cn.jiesu.channels.InputRejected;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * Errors in the GeoReport v2 shape: a top-level array of {@code {"code": <int>, "description": "…"}}. The field
 * name leads the description ({@code "service_code: unknown service"}), which keeps the body exactly in the spec's
 * shape for existing clients while still naming the field.
 */
public final class Open311Errors {
    /** The spec's own wording for a bad api_key. */
    public static final String INVALID_API_KEY = "Invalid api_key received -- can't proceed with create_request.";

    private Open311Errors() {
    }

    public static ChannelResult.Rejected of(InputRejected e) {
        return of(e.status(), e.code(), e.field(), e.getMessage());
    }

    public static ChannelResult.Rejected of(int status, String code, String field, String description) {
        JsonArray body = new JsonArray().add(new JsonObject().put("code", status).put("description", description));
        return new ChannelResult.Rejected(status, code, field, description, HttpReply.json(status, body.encode()));
    }

    public static ChannelResult.Rejected notFound(String what) {
        return of(404, "not_found", null, what + " not found");
    }

    public static ChannelResult.Rejected tooManyRequests(Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        ChannelResult.Rejected r = of(429, "quota_exceeded", null, "quota exceeded, retry after " + seconds + " s");
        return new ChannelResult.Rejected(429, r.code(), null, r.message(),
                r.reply().withHeader("Retry-After", Long.toString(seconds)));
    }
}
