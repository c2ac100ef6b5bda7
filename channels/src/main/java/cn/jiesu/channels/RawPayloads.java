package cn.jiesu.channels;

import cn.jiesu.core.raw.RawPayload;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Makes a channel's {@link RawPayload}: the request as received, or a form channel's defined fields only. */
public final class RawPayloads {
    /** Longest value a stripped form keeps: above every field limit of the channels (description 4,000). */
    public static final int MAX_KEPT_VALUE = 4096;

    private RawPayloads() {}

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
}
