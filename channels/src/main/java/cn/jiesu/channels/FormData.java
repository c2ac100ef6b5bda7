package cn.jiesu.channels;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses {@code application/x-www-form-urlencoded} bodies strictly: bad percent escapes and invalid UTF-8 are
 * refused with the offending field named, never replaced with U+FFFD as {@code URLDecoder} would.
 */
public final class FormData {
    /** At most this many fields per body: bounds work on hostile input. */
    public static final int MAX_FIELDS = 256;

    private FormData() {}

    /** Field name to values, in order of appearance. */
    public static Map<String, List<String>> parse(byte[] body) throws InputRejected {
        Map<String, List<String>> out = new LinkedHashMap<>();
        int fields = 0;
        int start = 0;
        for (int i = 0; i <= body.length; i++) {
            if (i < body.length && body[i] != '&') {
                continue;
            }
            if (i > start) {
                if (++fields > MAX_FIELDS) {
                    throw new InputRejected(
                            400, "too_many_fields", "body", "body: more than " + MAX_FIELDS + " fields");
                }
                int eq = start;
                while (eq < i && body[eq] != '=') {
                    eq++;
                }
                String name = decode(body, start, eq, "body");
                String value = eq < i ? decode(body, eq + 1, i, name) : "";
                out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
            start = i + 1;
        }
        return out;
    }

    /** The first value of a field, or null. */
    public static String first(Map<String, List<String>> form, String name) {
        List<String> v = form.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static String decode(byte[] b, int from, int to, String field) throws InputRejected {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                if (i + 2 >= to) {
                    throw InputRejected.badField(field, "truncated percent escape");
                }
                int hi = Character.digit(b[i + 1], 16);
                int lo = Character.digit(b[i + 2], 16);
                if (hi < 0 || lo < 0) {
                    throw InputRejected.badField(field, "bad percent escape");
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return RequestChecks.utf8(bytes.toByteArray(), field);
    }

    /** Percent-encodes for a form body (space as %20), for building test requests and redirects. */
    public static String encode(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c >= 'a' && c <= 'z'
                    || c >= 'A' && c <= 'Z'
                    || c >= '0' && c <= '9'
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~') {
                out.append((char) c);
            } else {
                out.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return out.toString();
    }
}
