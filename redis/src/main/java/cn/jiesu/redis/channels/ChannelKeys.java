package cn.jiesu.redis.channels;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The keys of the channel indexes, from the configured prefix: {@code <prefix>citizen:<identity>} (a citizen's
 * appeals by time), {@code <prefix>citizen-bind:<identity>} (identities known to be the same citizen),
 * {@code <prefix>listing:<name>} (a public request listing by time) and
 * {@code <prefix>nonce:<channel>:<client>:<nonce>} (a signature nonce seen recently, see {@link SignedNonces}). Identities hold channel user ids verbatim, so
 * anything but a short plain ASCII identity is hashed ({@code sha256:<hex>}). Immutable, thread-safe.
 */
public final class ChannelKeys {
    static final int MAX_PLAIN = 160;

    private final String prefix;

    public ChannelKeys(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            throw new IllegalArgumentException("prefix: required");
        }
        this.prefix = prefix;
    }

    public String citizen(String identity) {
        return prefix + "citizen:" + component(identity);
    }

    public String bindings(String identity) {
        return prefix + "citizen-bind:" + component(identity);
    }

    public String listing(String name) {
        if (name == null || !name.matches("[a-z0-9-]{1,32}")) {
            throw new IllegalArgumentException("listing: 1-32 characters of [a-z0-9-]");
        }
        return prefix + "listing:" + name;
    }

    /** {@code channel} is a lowercase word (the channel's name); client and nonce may be anything. */
    public String nonce(String channel, String client, String nonce) {
        if (channel == null || !channel.matches("[a-z0-9]{1,16}")) {
            throw new IllegalArgumentException("channel: 1-16 characters of [a-z0-9]");
        }
        return prefix + "nonce:" + channel + ":" + component(client) + ":" + component(nonce);
    }

    static String component(String identity) {
        if (identity == null || identity.isEmpty()) {
            throw new IllegalArgumentException("identity: required");
        }
        boolean plain = identity.length() <= MAX_PLAIN && !identity.startsWith("sha256:");
        for (int i = 0; plain && i < identity.length(); i++) {
            char c = identity.charAt(i);
            plain = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-_.:@+=".indexOf(c) >= 0;
        }
        return plain ? identity : "sha256:" + sha256(identity);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
