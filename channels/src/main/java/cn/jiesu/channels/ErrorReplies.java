package cn.jiesu.channels;

import io.vertx.core.json.JsonObject;

/**
 * The JSON error body every channel but Open311 answers with:
 * {@code {"error":{"status":400,"code":"field_invalid","field":"created_at","message":"created_at: ..."}}}.
 */
public final class ErrorReplies {
    private ErrorReplies() {}

    public static ChannelResult.Rejected json(InputRejected e) {
        return json(e.status(), e.code(), e.field(), e.getMessage());
    }

    public static ChannelResult.Rejected json(int status, String code, String field, String message) {
        JsonObject error = new JsonObject()
                .put("status", status)
                .put("code", code)
                .put("field", field)
                .put("message", message);
        HttpReply reply =
                HttpReply.json(status, new JsonObject().put("error", error).encode());
        return new ChannelResult.Rejected(status, code, field, message, reply);
    }

    /** 500 for a bug in an adapter: the channel retries, and the request is not lost. */
    public static ChannelResult.Rejected internal(RuntimeException e) {
        return json(
                500, "internal_error", null, "internal error: " + e.getClass().getSimpleName());
    }
}
