package cn.jiesu.channels;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A client allowed to create appeals through an API (the app, an Open311 integrator): a public id that appears in
 * intakes as {@code channelAccount}, the API key it presents, and the secret it signs with.
 *
 * @param id      short stable name, e.g. {@code app-ios}; no '|' (it becomes part of the dedupe key)
 * @param apiKey  the key sent as {@code X-Api-Key} or {@code api_key} (never logged)
 * @param secret  HMAC-SHA256 key for request signatures, or null when the client does not sign (never logged)
 */
public record ApiClient(String id, String apiKey, String secret) {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    public ApiClient {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("client.id: 1-64 characters of [A-Za-z0-9_.:-]");
        }
        if (apiKey == null || apiKey.length() < 8) {
            throw new IllegalArgumentException("client " + id + ".apiKey: at least 8 characters");
        }
        if (secret != null && secret.length() < 16) {
            throw new IllegalArgumentException("client " + id + ".secret: at least 16 characters");
        }
    }

    /** The client holding {@code apiKey}, compared in constant time against every configured key. */
    public static Optional<ApiClient> byKey(List<ApiClient> clients, String apiKey) {
        ApiClient found = null;
        for (ApiClient c : clients) {
            if (Digests.constantTimeEquals(c.apiKey(), apiKey) && found == null) {
                found = c;
            }
        }
        return Optional.ofNullable(found);
    }

    @Override
    public String toString() {
        return "ApiClient[id=" + id + ", apiKey=***, secret=" + (secret == null ? "null" : "***") + "]";
    }
}
