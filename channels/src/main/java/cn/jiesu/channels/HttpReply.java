package cn.jiesu.channels;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What to send back: status, content type, body and extra headers (e.g. {@code Location}, {@code Retry-After}).
 * The gateway copies it onto its response as is.
 */
public record HttpReply(int status, String contentType, byte[] body, Map<String, String> headers) {
    public static final String TEXT = "text/plain; charset=utf-8";
    public static final String JSON = "application/json; charset=utf-8";

    public HttpReply {
        Objects.requireNonNull(contentType, "contentType");
        body = body == null ? new byte[0] : body.clone();
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public static HttpReply text(int status, String text) {
        return new HttpReply(status, TEXT, text.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public static HttpReply json(int status, String json) {
        return new HttpReply(status, JSON, json.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The body as UTF-8 text (all our replies are UTF-8). */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public HttpReply withHeader(String name, String value) {
        Map<String, String> h = new HashMap<>(headers);
        h.put(name, value);
        return new HttpReply(status, contentType, body, h);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HttpReply r
                && status == r.status
                && contentType.equals(r.contentType)
                && Arrays.equals(body, r.body)
                && headers.equals(r.headers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, contentType, Arrays.hashCode(body), headers);
    }

    @Override
    public String toString() {
        return "HttpReply[" + status + " " + contentType + ", " + body.length + " bytes]";
    }
}
