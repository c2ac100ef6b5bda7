package cn.jiesu.gateway.http;

import io.vertx.ext.web.RoutingContext;

/** The {@code limit} query parameter of a list endpoint: {@code fallback} when absent, else a whole 1..max. */
public record QueryLimit(int fallback, int max) {
    public QueryLimit {
        if (max < 1 || fallback < 1 || fallback > max) {
            throw new IllegalArgumentException("limit: need 1 <= fallback <= max, was " + fallback + ", " + max);
        }
    }

    /** The request's limit; anything else is a 400 naming {@code limit}. */
    public int read(RoutingContext ctx) {
        return read(ctx.queryParams().get("limit"));
    }

    /** The limit given as {@code raw} (null: absent). */
    public int read(String raw) {
        if (raw == null || raw.isBlank()) {
            return fallback; // empty as absent, as every parameter
        }
        raw = raw.strip();
        // ASCII digits only: Integer.parseInt also takes fullwidth (５) and other scripts' digits, and a sign.
        if (!raw.matches("[0-9]{1,10}")) {
            throw ApiError.badRequest("limit", "limit must be a whole number");
        }
        long n = Long.parseLong(raw);
        if (n < 1 || n > max) {
            throw ApiError.badRequest("limit", "limit must be between 1 and " + max);
        }
        return (int) n;
    }
}
