package cn.jiesu.channels.weibo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.TreeSet;

/** JSON with object keys sorted at every level, so equal data hashes equally whatever the key order. */
final class CanonicalJson {
    private CanonicalJson() {}

    static String encode(JsonObject o) {
        return sorted(o).encode();
    }

    private static JsonObject sorted(JsonObject o) {
        JsonObject out = new JsonObject();
        for (String key : new TreeSet<>(o.fieldNames())) {
            out.put(key, sortedValue(o.getValue(key))); // getValue wraps nested maps and lists
        }
        return out;
    }

    private static Object sortedValue(Object v) {
        if (v instanceof JsonObject o) {
            return sorted(o);
        }
        if (v instanceof JsonArray a) {
            JsonArray out = new JsonArray();
            for (int i = 0; i < a.size(); i++) {
                out.add(sortedValue(a.getValue(i)));
            }
            return out;
        }
        return v;
    }
}
