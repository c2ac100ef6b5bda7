package cn.jiesu.channels;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * Parses JSON request bodies with {@code io.vertx.core.json} and reads fields with errors that name the field:
 * a wrong type, a truncated document or a non-object root is a 400, never an exception escaping the adapter.
 */
public final class JsonBody {
    private static final Pattern INTEGER_ID = Pattern.compile("[0-9]{1,20}");

    private JsonBody() {}

    /** The body as a JSON object; strict UTF-8 first. */
    public static JsonObject object(byte[] body) throws InputRejected {
        return object(body, "body");
    }

    /** {@code json} as a JSON object, errors naming {@code field} (a body, or a decrypted payload inside one). */
    public static JsonObject object(byte[] json, String field) throws InputRejected {
        String text = RequestChecks.utf8(json, field);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // RFC 8259 §8.1: a parser may ignore a byte order mark; senders add one
        }
        if (text.isBlank()) {
            throw new InputRejected(400, "invalid_json", field, field + ": empty, expected a JSON object");
        }
        try {
            return new JsonObject(text);
        } catch (RuntimeException e) { // DecodeException, or Jackson's limits (nesting, number length)
            throw new InputRejected(
                    400, "invalid_json", field, field + ": not a JSON object (" + firstLine(e.getMessage()) + ")");
        }
    }

    /** A string field; numbers are refused (a type error names the field). Null when absent or JSON null. */
    public static String string(JsonObject o, String field) throws InputRejected {
        Object v = o.getValue(field);
        if (v == null) {
            return null;
        }
        if (v instanceof String s) {
            return s;
        }
        throw InputRejected.badField(field, "expected a string, was " + kind(v));
    }

    public static String requiredString(JsonObject o, String field) throws InputRejected {
        String v = string(o, field);
        if (v == null || v.isBlank()) {
            throw InputRejected.missing(field);
        }
        return v;
    }

    /** An integer id given as a JSON number or a numeric string (Weibo uids are int64); returned as a string. */
    public static String id(JsonObject o, String field) throws InputRejected {
        Object v = o.getValue(field);
        if (v == null) {
            return null;
        }
        String s;
        if (v instanceof Integer || v instanceof Long || v instanceof BigInteger) {
            s = v.toString();
        } else if (v instanceof String str) {
            s = str.trim();
        } else if (v instanceof Number n) {
            BigDecimal d = new BigDecimal(n.toString());
            if (d.stripTrailingZeros().scale() > 0) {
                throw InputRejected.badField(field, "expected an integer id, was " + n);
            }
            s = d.toBigInteger().toString();
        } else {
            throw InputRejected.badField(field, "expected an integer id, was " + kind(v));
        }
        if (!INTEGER_ID.matcher(s).matches()) {
            throw InputRejected.badField(field, "expected an integer id");
        }
        return s;
    }

    /** A number given as a JSON number or a numeric string (Weibo sends coordinates as strings). */
    public static Double number(JsonObject o, String field) throws InputRejected {
        Object v = o.getValue(field);
        if (v == null) {
            return null;
        }
        try {
            double d = v instanceof Number n
                    ? n.doubleValue()
                    : v instanceof String s && !s.isBlank() ? Double.parseDouble(s.trim()) : Double.NaN;
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw InputRejected.badField(field, "expected a number");
            }
            return d;
        } catch (NumberFormatException e) {
            throw InputRejected.badField(field, "expected a number, was '" + v + "'");
        }
    }

    public static Boolean bool(JsonObject o, String field) throws InputRejected {
        Object v = o.getValue(field);
        if (v == null) {
            return null;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw InputRejected.badField(field, "expected true or false, was " + kind(v));
    }

    public static JsonObject object(JsonObject o, String field) throws InputRejected {
        Object v = o.getValue(field);
        if (v == null) {
            return null;
        }
        if (v instanceof JsonObject j) {
            return j;
        }
        throw InputRejected.badField(field, "expected an object, was " + kind(v));
    }

    public static JsonArray array(JsonObject o, String field) throws InputRejected {
        Object v = o.getValue(field);
        if (v == null) {
            return null;
        }
        if (v instanceof JsonArray a) {
            return a;
        }
        throw InputRejected.badField(field, "expected an array, was " + kind(v));
    }

    static String kind(Object v) {
        return switch (v) {
            case String s -> "a string";
            case Number n -> "a number";
            case Boolean b -> "a boolean";
            case JsonObject j -> "an object";
            case JsonArray a -> "an array";
            default -> v.getClass().getSimpleName();
        };
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 160 ? line.substring(0, 160) : line;
    }
}
