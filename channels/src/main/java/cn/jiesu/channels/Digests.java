package cn.jiesu.channels;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The digests channels sign with: sha1 over sorted strings (WeChat, Weibo), sha256, HMAC-SHA256. */
public final class Digests {
    private static final HexFormat HEX = HexFormat.of();

    private Digests() {}

    public static String sha256Hex(byte[] data) {
        return HEX.formatHex(digest("SHA-256", data));
    }

    public static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    /** sha1 of the parts sorted with {@link String#compareTo} and concatenated: the WeChat/Weibo signature. */
    public static String sortedSha1Hex(String... parts) {
        String[] sorted = parts.clone();
        Arrays.sort(sorted);
        return HEX.formatHex(digest("SHA-1", String.join("", sorted).getBytes(StandardCharsets.UTF_8)));
    }

    public static String hmacSha256Hex(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HEX.formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Constant-time comparison of two strings as UTF-8 bytes; false when either is null. */
    public static boolean constantTimeEquals(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " unavailable", e);
        }
    }
}
