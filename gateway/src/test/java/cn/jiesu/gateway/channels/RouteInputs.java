package cn.jiesu.gateway.channels;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Generated hostile inputs for {@link RouteFuzzIT}, all from one seeded {@link Random}: path parameters, query
 * strings, methods, content types and encodings, dates, numbers, and JSON and XML bombs.
 */
final class RouteInputs {
    static final List<String> METHODS = List.of(
            "GET", "GET", "POST", "POST", "HEAD", "OPTIONS", "PUT", "DELETE", "PATCH", "TRACE", "PROPFIND", "FOO");
    private static final List<String> CONTENT_TYPES = List.of(
            "application/json",
            "application/json; charset=gbk",
            "application/json; charset=\"",
            "application/x-www-form-urlencoded",
            "application/x-www-form-urlencoded; charset=utf-16",
            "multipart/form-data; boundary=b",
            "multipart/form-data",
            "multipart/mixed; boundary=",
            "text/xml",
            "application/xml; charset=iso-8859-1",
            "text/plain",
            "application/octet-stream",
            "a/b/c;;=",
            "*/*",
            "application/merge-patch+json",
            "");
    private static final List<String> QUERY_KEYS = List.of(
            "date",
            "at",
            "start_date",
            "end_date",
            "period",
            "by",
            "district",
            "street",
            "limit",
            "cursor",
            "phone",
            "q",
            "channelUserId",
            "channel",
            "review",
            "since",
            "service_request_id",
            "service_code",
            "status",
            "api_key",
            "signature",
            "timestamp",
            "nonce",
            "echostr",
            "no",
            "atRisk",
            "intakeId",
            "jurisdiction_id",
            "encrypt_type",
            "msg_signature",
            "lat",
            "long");
    private static final List<String> JSON_KEYS = List.of(
            "description",
            "at",
            "number",
            "ext",
            "password",
            "urgency",
            "requestType",
            "category",
            "by",
            "a",
            "b",
            "phone",
            "lat",
            "lon",
            "occurredAt",
            "media",
            "state",
            "content",
            "address",
            "callbackId",
            "outcome",
            "rating",
            "resolved",
            "serviceCode");

    private final Random r;

    RouteInputs(Random r) {
        this.r = r;
    }

    <T> T pick(List<T> list) {
        return list.get(r.nextInt(list.size()));
    }

    /** A concrete path for a route pattern: parameters and wildcards filled with hostile segments. */
    String path(String pattern) {
        List<String> parts = new java.util.ArrayList<>();
        // regex routes name their parameters as groups: /open311/v2/services/(?<code>[^/]+)\.json
        String plain = pattern.replaceAll("\\(\\?<[A-Za-z0-9]+>[^)]*\\)", ":p").replace("\\.", ".");
        for (String part : plain.split("/", -1)) {
            if (part.startsWith(":") || part.equals("*")) {
                parts.add(segment());
            } else if (part.contains(":")) { // "requests/:id.json" style: a parameter with a suffix
                int dot = part.lastIndexOf('.');
                parts.add(part.substring(0, part.indexOf(':')) + segment() + (dot < 0 ? "" : part.substring(dot)));
            } else {
                parts.add(part);
            }
        }
        return String.join("/", parts);
    }

    private String segment() {
        return switch (r.nextInt(9)) {
            case 0 -> "261206000123";
            case 1 -> "x".repeat(1 + r.nextInt(300));
            case 2 -> "%F0%9F%98%80";
            case 3 -> "%zz";
            case 4 -> "..%2F..%2Fetc";
            case 5 -> Malformed.pathSegment(r);
            case 6 -> Long.toString(r.nextLong());
            case 7 -> "%00";
            default -> "a" + r.nextInt(1000);
        };
    }

    String query() {
        if (r.nextInt(6) == 0) {
            return Malformed.query(r);
        }
        StringBuilder q = new StringBuilder();
        int n = r.nextInt(5);
        for (int i = 0; i < n; i++) {
            q.append(i == 0 ? "" : "&").append(pick(QUERY_KEYS)).append('=');
            String v = value();
            q.append(
                    r.nextBoolean()
                            ? URLEncoder.encode(v, StandardCharsets.UTF_8)
                            : v.replace(" ", "%20").replace("&", "%26").replace("#", "%23"));
        }
        return q.toString();
    }

    /** A scalar a client may put anywhere: dates, numbers, odd strings. */
    String value() {
        return switch (r.nextInt(6)) {
            case 0 -> date();
            case 1 -> number();
            case 2 ->
                pick(List.of(
                        "",
                        " ",
                        "null",
                        "true",
                        "day",
                        "week",
                        "month",
                        "district",
                        "open,closed",
                        "weibo",
                        "WEIBO:1",
                        "13800138000",
                        "+86 138 0013 8000"));
            case 3 -> "中".repeat(r.nextInt(r.nextInt(10) == 0 ? 2000 : 100));
            case 4 -> new String(Character.toChars(0x1F600)) + "\u0000\u202e\ud800".substring(0, 1 + r.nextInt(2));
            default -> Long.toHexString(r.nextLong());
        };
    }

    String date() {
        String year = pick(List.of(
                "0000", "-0001", "+10000", "+999999999", "-999999999", "2026", "1970", "9999", "0001", "99999"));
        return switch (r.nextInt(6)) {
            case 0 -> year + "-01-01";
            case 1 -> year + "-12-31T23:59:59Z";
            case 2 -> year + "-06-15T10:00";
            case 3 -> year + "-02-30T10:00:00+08:00";
            case 4 -> "2026-03-10T15:00:00+18:00";
            default ->
                pick(List.of(
                        "2026-13-01",
                        "2026-01-01T25:00Z",
                        "yesterday",
                        "1717034405",
                        "1717034405123",
                        "2026-03-10T15:00:00.123456789123Z"));
        };
    }

    String number() {
        return pick(List.of(
                "0",
                "-1",
                "1e999",
                "-1e999",
                "NaN",
                "Infinity",
                "0x10",
                "9".repeat(400),
                "1.0000000000000000000000001",
                "-0",
                "2147483648",
                "9223372036854775808",
                "1e-400",
                "１２３"));
    }

    /** A body for the content type: well-formed-looking or a bomb. */
    byte[] body(String contentType) {
        return switch (r.nextInt(10)) {
            case 0 -> new byte[0];
            case 1 -> jsonObject().getBytes(StandardCharsets.UTF_8);
            case 2 -> jsonBomb().getBytes(StandardCharsets.UTF_8);
            case 3 -> xmlBomb().getBytes(StandardCharsets.UTF_8);
            case 4 -> form().getBytes(StandardCharsets.UTF_8);
            case 5 -> multipart().getBytes(StandardCharsets.UTF_8);
            case 6 -> Malformed.next(r, jsonObject()).body();
            case 7 -> gzip("{\"description\":\"" + "0".repeat(1_000_000) + "\"}");
            case 8 -> new byte[70_000]; // over the body limit
            default -> Malformed.next(r, form()).body();
        };
    }

    String jsonObject() {
        StringBuilder b = new StringBuilder("{");
        int n = 1 + r.nextInt(5);
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",").append('"').append(pick(JSON_KEYS)).append("\":");
            switch (r.nextInt(5)) {
                case 0 -> b.append("null");
                case 1 -> b.append(number().matches("-?[0-9.e]+") ? number() : "1e999");
                case 2 -> b.append("[").append('"').append(date()).append("\"]");
                case 3 -> b.append("{}");
                default ->
                    b.append('"')
                            .append(value().replace("\\", "\\\\").replace("\"", "\\\""))
                            .append('"');
            }
        }
        return b.append('}').toString();
    }

    private String jsonBomb() {
        return switch (r.nextInt(4)) {
            case 0 -> "[".repeat(30_000) + "]".repeat(30_000);
            case 1 -> "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);
            case 2 -> "{\"lat\":" + "9".repeat(60_000) + "}";
            default -> "[" + "1e999999999,".repeat(4000) + "0]";
        };
    }

    private String xmlBomb() {
        return switch (r.nextInt(4)) {
            case 0 ->
                "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
                        + "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
                        + "<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">"
                        + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">"
                        + "<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">"
                        + "<!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">"
                        + "<!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">"
                        + "<!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">"
                        + "<!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">"
                        + "<!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">"
                        + "]><xml><Content>&lol9;</Content></xml>";
            case 1 -> "<xml>" + "<a>".repeat(10_000) + "</a>".repeat(10_000) + "</xml>";
            case 2 -> "<xml><CreateTime>" + "9".repeat(5000) + "</CreateTime><MsgId>-1</MsgId></xml>";
            default -> "<xml " + "a=\"1\" ".repeat(5000) + "/>";
        };
    }

    private String form() {
        StringBuilder b = new StringBuilder();
        int n = 1 + r.nextInt(6);
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : "&")
                    .append(r.nextBoolean() ? pick(QUERY_KEYS) : pick(JSON_KEYS))
                    .append('=')
                    .append(URLEncoder.encode(value(), StandardCharsets.UTF_8));
        }
        return b.toString();
    }

    private String multipart() {
        return "--b\r\nContent-Disposition: form-data; name=\"" + pick(JSON_KEYS) + "\"\r\n\r\n" + value()
                + "\r\n--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"../../x\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + "x".repeat(r.nextInt(5000))
                + (r.nextBoolean() ? "\r\n--b--\r\n" : "");
    }

    private static byte[] gzip(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(s.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    String contentType() {
        return pick(CONTENT_TYPES);
    }

    boolean chance(int oneIn) {
        return r.nextInt(oneIn) == 0;
    }
}
