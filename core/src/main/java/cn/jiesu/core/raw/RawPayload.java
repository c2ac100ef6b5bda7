package cn.jiesu.core.raw;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * A request exactly as received, kept for audit under {@link #ref()} before the gateway acknowledges it: the appeal
 * points at it through {@code rawRef}/{@code rawSha256}. Channels make it (channels' {@code RawPayloads}); the raw
 * store keeps it with the channel and the time it was first stored.
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
    public RawPayload {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(sha256, "sha256");
        body = body == null ? new byte[0] : body.clone();
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        query = query == null ? Map.of() : Map.copyOf(query);
        decrypted = decrypted == null ? null : decrypted.clone();
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
                && sha256.equals(r.sha256)
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
