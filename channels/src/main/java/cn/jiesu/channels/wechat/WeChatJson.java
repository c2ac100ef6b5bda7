package cn.jiesu.channels.wechat;

import cn.jiesu.channels.InputRejected;
import cn.jiesu.channels.JsonBody;
import cn.jiesu.channels.RequestChecks;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * WeChat's JSON pushes (mini programs whose 数据格式 is JSON: the same fields as the XML, {@code MsgId} and
 * {@code CreateTime} as numbers), read into the same name-to-text map as {@link cn.jiesu.channels.FlatXml} so that
 * one normalization serves both. Nested values are ignored, as the XML parser ignores nested elements' structure.
 */
final class WeChatJson {
    private WeChatJson() {}

    /** Whether {@code body} is a JSON document rather than XML: its first non-blank byte opens an object. */
    static boolean looksLikeJson(byte[] body) {
        return RequestChecks.firstSignificantByte(body) == '{';
    }

    /** Field name to text; numbers as written (a 64-bit MsgId keeps every digit). */
    static Map<String, String> parse(byte[] json, String field) throws InputRejected {
        JsonObject o = JsonBody.object(json, field);
        Map<String, String> fields = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : o) {
            Object v = e.getValue();
            if (v instanceof String s) {
                fields.put(e.getKey(), s);
            } else if (v instanceof Double d && Double.isFinite(d)) {
                fields.put(e.getKey(), BigDecimal.valueOf(d).toPlainString()); // no exponent: 1e9 is "1000000000"
            } else if (v instanceof Number || v instanceof Boolean) {
                fields.put(e.getKey(), v.toString()); // integers as written; an infinite double stays "Infinity"
            }
        }
        return fields;
    }
}
