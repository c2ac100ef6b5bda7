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
        if (raw == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(raw);
            if (n < 1 || n > max) {
                throw ApiError.badRequest("limit", "limit must be between 1 and " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("limit", "limit must be a whole number");
        }
    }
}
