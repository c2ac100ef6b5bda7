package cn.jiesu.channels;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The request exactly as received, for the gateway to store under {@link #ref()} before it acknowledges: the
 * appeal points at it through {@code rawRef}/{@code rawSha256}.
 *
 * @param ref       content-addressed key {@code raw/sha256/<hex>} of {@code body}: identical retries share it
 * @param sha256    lowercase hex sha256 of {@code body}
 * @param body      the exact bytes received (an Open311 form body keeps its api_key: the bytes are evidence, and
 *                  the sha256 names them; api_key is a client's identifier, no secret signs with it)
 * @param headers   the headers that matter for audit (content type, signatures, idempotency key; never X-Api-Key)
 * @param query     the query string parameters as received, signatures included, api_key left out
 * @param decrypted the decrypted plaintext for encrypted channels (WeChat secure mode), else null
 */
public record RawPayload(
        String ref,
        String sha256,
        byte[] body,
        Map<String, String> headers,
        Map<String, String> query,
        byte[] decrypted) {
    /** Longest value a stripped form keeps: above every field limit of the channels (description 4,000). */
    public static final int MAX_KEPT_VALUE = 4096;

    public RawPayload {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(sha256, "sha256");
        body = body.clone();
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        query = query == null ? Map.of() : Map.copyOf(query);
        decrypted = decrypted == null ? null : decrypted.clone();
    }

    /** Captures {@code request}'s body, the named headers (when present) and the first value of each query key. */
    public static RawPayload of(InboundRequest request, List<String> keptHeaders, byte[] decrypted) {
        byte[] body = request.body();
        String sha = Digests.sha256Hex(body);
        Map<String, String> headers = new HashMap<>();
        for (String h : keptHeaders) {
            String v = request.header(h);
            if (v != null) {
                headers.put(h, v);
            }
        }
        Map<String, String> query = new HashMap<>();
        request.query().forEach((k, v) -> {
            if (!v.isEmpty() && !k.equals("api_key")) {
                query.put(k, v.get(0));
            }
        });
        return new RawPayload("raw/sha256/" + sha, sha, body, headers, query, decrypted);
    }

    /**
     * For a form channel (web form, Open311): the body re-encoded with only the fields the channel defines, each
     * value cut at {@link #MAX_KEPT_VALUE} characters, in the order received. Issue 12: the whole body, junk fields
     * included, was kept for the raw retention (30 d), ~98 KB of Redis per 65 KB submission; what the appeal was
     * made of is all the evidence needs. The ref and sha256 name the stripped body, so identical retries still share
     * it.
     */
    public static RawPayload ofFields(
            InboundRequest request,
            List<String> keptHeaders,
            Map<String, List<String>> fields,
            Predicate<String> defined) {
        StringBuilder form = new StringBuilder();
        fields.forEach((name, values) -> {
            if (!defined.test(name)) {
                return;
            }
            for (String v : values) {
                form.append(form.isEmpty() ? "" : "&")
                        .append(FormData.encode(name))
                        .append('=')
                        .append(FormData.encode(v.length() > MAX_KEPT_VALUE ? v.substring(0, MAX_KEPT_VALUE) : v));
            }
        });
        byte[] body = form.toString().getBytes(StandardCharsets.UTF_8);
        RawPayload whole = of(request, keptHeaders, null);
        String sha = Digests.sha256Hex(body);
        return new RawPayload("raw/sha256/" + sha, sha, body, whole.headers(), whole.query(), null);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public byte[] decrypted() {
        return decrypted == null ? null : decrypted.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawPayload r
                && ref.equals(r.ref)
                && Arrays.equals(body, r.body)
                && headers.equals(r.headers)
                && query.equals(r.query)
                && Arrays.equals(decrypted, r.decrypted);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ref, headers, query);
    }

    @Override
    public String toString() {
        return "RawPayload[" + ref + ", " + body.length + " bytes]";
    }
}
