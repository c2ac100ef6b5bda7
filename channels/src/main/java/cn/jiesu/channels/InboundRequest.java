package cn.jiesu.channels;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request as the gateway hands it to an adapter: framework-free, so adapters never see Vert.x types.
 *
 * @param query        decoded query parameters, values in order of appearance
 * @param headers      header names in lower case; a repeated header joined with ", "
 * @param body         the exact bytes received (never null)
 * @param receivedAt   the gateway clock when the request arrived
 * @param remoteAddress client address, for logs and rate limits only
 */
public record InboundRequest(
        String method,
        String path,
        Map<String, List<String>> query,
        Map<String, String> headers,
        byte[] body,
        Instant receivedAt,
        String remoteAddress) {
    public InboundRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Map<String, List<String>> q = new HashMap<>();
        if (query != null) {
            query.forEach((k, v) -> q.put(k, v == null ? List.of() : List.copyOf(v)));
        }
        query = Map.copyOf(q);
        Map<String, String> h = new HashMap<>();
        if (headers != null) {
            headers.forEach((k, v) -> h.put(k.toLowerCase(Locale.ROOT), v == null ? "" : v));
        }
        headers = Map.copyOf(h);
        body = body == null ? new byte[0] : body.clone();
    }

    /** The first value of a query parameter, or null. */
    public String queryParam(String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** A header by case-insensitive name, or null. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** Body length without copying. */
    public int bodyLength() {
        return body.length;
    }

    @Override
    public String toString() {
        return "InboundRequest[" + method + " " + path + ", " + body.length + " bytes from " + remoteAddress + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InboundRequest r
                && method.equals(r.method)
                && path.equals(r.path)
                && query.equals(r.query)
                && headers.equals(r.headers)
                && Arrays.equals(body, r.body)
                && receivedAt.equals(r.receivedAt)
                && Objects.equals(remoteAddress, r.remoteAddress);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, path, query, headers, Arrays.hashCode(body), receivedAt, remoteAddress);
    }
}
