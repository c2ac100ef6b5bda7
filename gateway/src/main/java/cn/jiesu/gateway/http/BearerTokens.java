package cn.jiesu.gateway.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * A set of accepted bearer tokens (several while one is rotated), checked against an {@code Authorization} header
 * in constant time: every token is compared, with no early exit, so the time taken says nothing about which token
 * was close. Immutable, thread-safe.
 */
public final class BearerTokens {
    private final List<byte[]> tokens;

    public BearerTokens(List<String> tokens) {
        this.tokens =
                tokens.stream().map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
    }

    /** False when no token is configured. */
    public boolean any() {
        return !tokens.isEmpty();
    }

    /** Whether {@code authorization} is {@code Bearer <one of the tokens>}; a missing header is not. */
    public boolean accepts(String authorization) {
        byte[] given = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8)
                : new byte[0];
        boolean found = false;
        for (byte[] t : tokens) {
            found |= MessageDigest.isEqual(t, given);
        }
        return found;
    }
}
