package cn.jiesu.gateway.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The one JSON error shape of the API: {@code {"error": code, "message": text, "field": name?}}. */
public final class ApiError extends RuntimeException {
    private final int status;
    private final String code;
    private final String field;

    public ApiError(int status, String code, String message, String field) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    public static ApiError badRequest(String field, String message) {
        return new ApiError(400, "bad_request", message, field);
    }

    public static ApiError notFound(String message) {
        return new ApiError(404, "not_found", message, null);
    }

    public int status() {
        return status;
    }

    public JsonObject toJson() {
        JsonObject body = new JsonObject().put("error", code).put("message", getMessage());
        if (field != null) {
            body.put("field", field);
        }
        return body;
    }

    /** Ends the exchange with this error unless a response was already started. */
    public void send(RoutingContext ctx) {
        if (ctx.response().headWritten() || ctx.response().ended()) {
            return;
        }
        ctx.response()
                .setStatusCode(status)
                .putHeader("content-type", "application/json; charset=utf-8")
                .end(toJson().encode());
    }
}
