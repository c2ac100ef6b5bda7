package cn.jiesu.gateway.http;

import io.vertx.core.MultiMap;
import java.util.List;

/** Query parameters every route reads the same way. */
public final class QueryParams {
    private QueryParams() {}

    /**
     * The parameter's one value, or null; given twice is a 400 naming it (which one was meant?), never "the first
     * wins": a client that sends {@code format=csv&format=json} has a bug it should hear about.
     */
    public static String single(MultiMap params, String name) {
        List<String> all = params.getAll(name);
        if (all.size() > 1) {
            throw ApiError.badRequest(name, "'" + name + "' given more than once");
        }
        return all.isEmpty() ? null : all.getFirst();
    }
}
