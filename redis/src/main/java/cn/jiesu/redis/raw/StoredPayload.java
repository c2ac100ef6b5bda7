package cn.jiesu.redis.raw;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * One request as received, kept for audit under its content-addressed reference: the exact body bytes, the headers
 * and query parameters that matter, the decrypted plaintext of encrypted channels, and the body's sha256.
 *
 * @param ref       {@code raw/sha256/<hex>}: identical retries share it
 * @param sha256    lowercase hex sha256 of {@code body}
 * @param channel   the channel it came in on (lower case, for audit only)
 * @param decrypted plaintext for encrypted channels, else null
 * @param storedAt  when the first copy was stored
 */
public record StoredPayload(
        String ref,
        String sha256,
        String channel,
        byte[] body,
        Map<String, String> headers,
        Map<String, String> query,
        byte[] decrypted,
        Instant storedAt) {
    public StoredPayload {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(channel, "channel");
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
        return o instanceof StoredPayload p
                && ref.equals(p.ref)
                && sha256.equals(p.sha256)
                && channel.equals(p.channel)
                && Arrays.equals(body, p.body)
                && headers.equals(p.headers)
                && query.equals(p.query)
                && Arrays.equals(decrypted, p.decrypted)
                && Objects.equals(storedAt, p.storedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ref, sha256, channel, headers, query, storedAt);
    }

    @Override
    public String toString() {
        return "StoredPayload[" + ref + ", " + channel + ", " + body.length + " bytes]";
    }
}
