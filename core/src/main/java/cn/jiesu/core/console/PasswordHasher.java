package cn.jiesu.core.console;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Salted PBKDF2-HMAC-SHA256 password hashes in one self-describing string,
 * {@code pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>}, so the iteration count can grow without invalidating old
 * hashes. Verification compares in constant time. Thread-safe; {@link #verify} costs tens to hundreds of ms of CPU
 * by design, so callers run it off the event loop.
 */
public final class PasswordHasher {
    public static final String SCHEME = "pbkdf2-sha256";
    /**
     * OWASP's recommendation for PBKDF2-HMAC-SHA256; the 210,000 used before is its figure for HMAC-SHA512. A
     * successful sign-in upgrades a hash made with fewer.
     */
    public static final int DEFAULT_ITERATIONS = 600_000;
    /** The fewest iterations {@link #hash} accepts (tests and benchmarks use it for speed). */
    public static final int MIN_ITERATIONS = 1_000;

    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;

    private final SecureRandom random;

    public PasswordHasher(SecureRandom random) {
        this.random = random;
    }

    /** A new hash of {@code password} with a fresh salt; the char array is left for the caller to clear. */
    public String hash(char[] password, int iterations) {
        if (iterations < MIN_ITERATIONS) {
            throw new IllegalArgumentException("iterations: at least " + MIN_ITERATIONS);
        }
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(derive(password, salt, iterations));
    }

    /** True when {@code password} matches {@code stored}; false (never an exception) for a malformed hash. */
    public static boolean verify(char[] password, String stored) {
        String[] parts = split(stored);
        if (parts == null) {
            return false;
        }
        byte[] salt = Base64.getDecoder().decode(parts[2]);
        byte[] expected = Base64.getDecoder().decode(parts[3]);
        return MessageDigest.isEqual(expected, derive(password, salt, Integer.parseInt(parts[1])));
    }

    /** The iteration count a hash was made with, or {@link #DEFAULT_ITERATIONS} when it is not one of ours. */
    public static int iterationsOf(String hash) {
        String[] parts = split(hash);
        return parts == null ? DEFAULT_ITERATIONS : Integer.parseInt(parts[1]);
    }

    /** Whether {@code stored} was made with fewer than {@code target} iterations (a sign-in then rehashes it). */
    public static boolean weakerThan(String stored, int target) {
        return iterationsOf(stored) < target;
    }

    /** Whether {@code s} has the shape of a hash this class makes. */
    public static boolean isHash(String s) {
        return split(s) != null;
    }

    private static String[] split(String s) {
        if (s == null) {
            return null;
        }
        String[] parts = s.split("\\$");
        if (parts.length != 4 || !parts[0].equals(SCHEME) || !parts[1].matches("\\d{4,9}")) {
            return null;
        }
        try {
            Base64.getDecoder().decode(parts[2]);
            Base64.getDecoder().decode(parts[3]);
        } catch (IllegalArgumentException e) {
            return null;
        }
        return Integer.parseInt(parts[1]) >= MIN_ITERATIONS ? parts : null;
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(spec)
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has PBKDF2WithHmacSHA256", e);
        } finally {
            spec.clearPassword();
        }
    }

    /** Clears a password buffer once it is no longer needed. */
    public static void wipe(char[] password) {
        Arrays.fill(password, '\0');
    }
}
