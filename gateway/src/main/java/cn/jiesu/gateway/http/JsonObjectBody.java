package cn.jiesu.gateway.http;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;

/**
 * The JSON object body of an API request, or the {@link ApiError} that says what is wrong with it: 415 for a
 * declared non-JSON content type (a form post to a JSON endpoint is a client bug worth naming), 400 for anything
 * that is not one JSON object. A request without a content type is read as JSON: plain HTTP clients omit it.
 */
public final class JsonObjectBody {
    private JsonObjectBody() {}

    /** {@code expected} describes the object in the 400's message, e.g. {@code {"a": identity, "b": identity}}. */
    public static JsonObject of(RoutingContext ctx, String expected) {
        String contentType = ctx.request().getHeader("content-type");
        if (contentType != null && !isJson(contentType)) {
            throw new ApiError(
                    415,
                    "unsupported_media_type",
                    "content-type: application/json expected, got " + contentType.strip(),
                    "content-type");
        }
        try {
            JsonObject body = ctx.body().asJsonObject();
            if (body != null) {
                return body;
            }
        } catch (DecodeException | ClassCastException e) {
            // same answer as an empty body
        }
        throw ApiError.badRequest("body", "a JSON object " + expected + " is required");
    }

    public static JsonObject of(RoutingContext ctx) {
        return of(ctx, "body");
    }

    private static boolean isJson(String contentType) {
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
                .strip()
                .toLowerCase(Locale.ROOT);
        return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
    }
}
