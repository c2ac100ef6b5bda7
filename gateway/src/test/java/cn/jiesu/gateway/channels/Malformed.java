package cn.jiesu.gateway.channels;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Malformed request bodies, query strings and path segments for {@link FuzzIT}, from a seeded {@link Random}. */
record Malformed(String kind, byte[] body) {
    private static final String[] XML_ATTACKS = {
        "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><xml><Content>&xxe;"
                + "</Content></xml>",
        "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY % p SYSTEM \"http://127.0.0.1:1/x.dtd\">%p;]><xml/>",
        "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">"
                + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;\">]><xml>&d;</xml>",
        "<xml xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\"file:///etc/passwd\" parse=\"text\"/>"
                + "</xml>",
        "<xml><![CDATA[unterminated",
        "<xml><a><b><c></xml>",
        "<?xml version=\"1.0\" encoding=\"UTF-16\"?><xml/>",
    };
    private static final String[] JSON_ODDITIES = {
        "null",
        "[]",
        "\"text\"",
        "42",
        "true",
        "{\"type\":[]}",
        "{\"description\":{}}",
        "{\"description\":null}",
        "{\"lat\":1e999,\"lon\":-1e999,\"description\":\"x\"}",
        "{\"a\":1,\"a\":2}",
        "{\"description\":\"\\ud800\"}",
        "{\"sender_id\":-1,\"receiver_id\":1.5e300,\"created_at\":\"Feb 30\",\"type\":\"text\"}",
        "{\"media\":[1,2,3],\"description\":\"x\"}",
        "{\"media\":{\"kind\":\"IMAGE\"},\"description\":\"x\"}",
        "{\"data\":\"not an object\",\"type\":\"position\"}",
        "{\"occurredAt\":\"2024-13-45T99:99:99Z\"}",
    };

    static Malformed next(Random r, String valid) {
        byte[] v = valid.getBytes(StandardCharsets.UTF_8);
        return switch (r.nextInt(12)) {
            case 0 -> new Malformed("truncated", java.util.Arrays.copyOf(v, r.nextInt(Math.max(1, v.length))));
            case 1 -> new Malformed("bitflip", flip(r, v));
            case 2 -> new Malformed("random-bytes", randomBytes(r, r.nextInt(2048)));
            case 3 ->
                new Malformed(
                        "invalid-utf8",
                        splice(r, v, new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xE2, (byte) 0x82}));
            case 4 -> new Malformed("huge-string", huge(r, valid));
            case 5 ->
                new Malformed(
                        "xml-attack", XML_ATTACKS[r.nextInt(XML_ATTACKS.length)].getBytes(StandardCharsets.UTF_8));
            case 6 ->
                new Malformed(
                        "json-oddity", JSON_ODDITIES[r.nextInt(JSON_ODDITIES.length)].getBytes(StandardCharsets.UTF_8));
            case 7 ->
                new Malformed(
                        "deep-nesting",
                        ("[".repeat(2000 + r.nextInt(20000)) + "<".repeat(r.nextInt(50)))
                                .getBytes(StandardCharsets.UTF_8));
            case 8 ->
                new Malformed(
                        "form-garbage",
                        ("a=%" + "zz&%E4%B8&b=" + "%".repeat(r.nextInt(10)) + "&" + "x=1&".repeat(r.nextInt(400)))
                                .getBytes(StandardCharsets.UTF_8));
            case 9 -> new Malformed("empty", new byte[0]);
            case 10 -> new Malformed("control-chars", splice(r, v, new byte[] {0, 1, 7, 27, 0x7f}));
            default ->
                new Malformed(
                        "duplicated",
                        (valid + valid.substring(r.nextInt(Math.max(1, valid.length()))))
                                .getBytes(StandardCharsets.UTF_8));
        };
    }

    static String query(Random r) {
        String[] parts = {
            "signature=",
            "timestamp=",
            "nonce=",
            "echostr=",
            "encrypt_type=aes",
            "msg_signature=",
            "service_request_id=",
            "start_date=",
            "end_date=",
            "status=",
            "service_code=",
            "no=",
            "%",
            "%zz",
            "&&",
            "=",
            "%E4%B8",
            "%00",
            "+",
            "jurisdiction_id="
        };
        StringBuilder q = new StringBuilder();
        int n = 1 + r.nextInt(6);
        for (int i = 0; i < n; i++) {
            q.append(parts[r.nextInt(parts.length)]);
            if (r.nextBoolean()) {
                q.append(r.nextBoolean() ? Long.toString(r.nextLong()) : "x".repeat(r.nextInt(600)));
            }
            q.append(r.nextBoolean() ? "&" : "");
        }
        return q.toString();
    }

    static String pathSegment(Random r) {
        String[] s = {
            "%2e%2e",
            "..%2F..%2Fetc",
            "%00",
            "x".repeat(300),
            "261128000001",
            "%E4%B8%AD",
            "a,b",
            "%",
            "id%20with%20space",
            "-1",
            "9".repeat(64)
        };
        return s[r.nextInt(s.length)];
    }

    private static byte[] flip(Random r, byte[] v) {
        byte[] out = v.clone();
        for (int i = 0; i < 1 + r.nextInt(8) && out.length > 0; i++) {
            out[r.nextInt(out.length)] ^= (byte) (1 << r.nextInt(8));
        }
        return out;
    }

    private static byte[] randomBytes(Random r, int n) {
        byte[] out = new byte[n];
        r.nextBytes(out);
        return out;
    }

    private static byte[] splice(Random r, byte[] v, byte[] insert) {
        int at = v.length == 0 ? 0 : r.nextInt(v.length);
        byte[] out = new byte[v.length + insert.length];
        System.arraycopy(v, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(v, at, out, at + insert.length, v.length - at);
        return out;
    }

    /** The valid body with one string value blown up to tens of kilobytes (some over the body limits). */
    private static byte[] huge(Random r, String valid) {
        String blob = (r.nextBoolean() ? "长" : "A").repeat(1000 + r.nextInt(30_000));
        int quote = valid.indexOf("CDATA[");
        if (quote < 0) {
            quote = valid.indexOf(":\"");
        }
        if (quote < 0) {
            quote = valid.indexOf('=');
        }
        int at = Math.max(0, quote) + (quote < 0 ? 0 : 2);
        return (valid.substring(0, at) + blob + valid.substring(at)).getBytes(StandardCharsets.UTF_8);
    }
}
