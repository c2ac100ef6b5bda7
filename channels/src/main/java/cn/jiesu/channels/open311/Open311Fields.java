package cn.jiesu.channels.open311;

import cn.jiesu.channels.FormData;
import cn.jiesu.channels.InputRejected;
import cn.jiesu.channels.JsonBody;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The arguments of {@code POST requests.json} as one field map, whether they came form-encoded (the spec:
 * {@code attribute[CODE]=v}, {@code attribute[CODE][]=v1&attribute[CODE][]=v2}) or as a JSON object (ours:
 * {@code "attribute": {"CODE": "v", "LIST": ["v1", "v2"]}} or the bracketed keys verbatim).
 */
final class Open311Fields {
    private Open311Fields() {}

    static Map<String, List<String>> fromForm(byte[] body) throws InputRejected {
        return FormData.parse(body);
    }

    static Map<String, List<String>> fromJson(byte[] body) throws InputRejected {
        JsonObject json = JsonBody.object(body);
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String key : json.fieldNames()) {
            Object v = json.getValue(key);
            if (key.equals("attribute") && v instanceof JsonObject attrs) {
                for (String code : attrs.fieldNames()) {
                    Object a = attrs.getValue(code);
                    if (a instanceof JsonArray list) {
                        out.put("attribute[" + code + "][]", scalars(list, "attribute[" + code + "]"));
                    } else {
                        out.put("attribute[" + code + "]", List.of(scalar(a, "attribute[" + code + "]")));
                    }
                }
            } else if (v instanceof JsonArray list && key.endsWith("[]")) {
                out.put(key, scalars(list, key));
            } else if (v != null) {
                out.put(key, List.of(scalar(v, key)));
            }
        }
        return out;
    }

    private static List<String> scalars(JsonArray list, String field) throws InputRejected {
        List<String> out = new ArrayList<>();
        for (Object o : list) {
            out.add(scalar(o, field));
        }
        return out;
    }

    private static String scalar(Object v, String field) throws InputRejected {
        if (v instanceof String || v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        throw InputRejected.badField(field, "expected a string, number or boolean");
    }
}
