package cn.jiesu.channels;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Jiesu's request signature for first-party clients (the app, and optionally Open311 integrators):
 * <pre>
 * X-Intake-Timestamp: 1717034405                 (epoch seconds, or 1717034405123: epoch milliseconds)
 * X-Intake-Nonce:     b7c1e2d3f4a5               (8-64 characters of [A-Za-z0-9_-], fresh per request)
 * X-Intake-Signature: hex(HMAC-SHA256(secret, METHOD + "\n" + PATH + "\n" + timestamp + "\n" + nonce + "\n"
 *                                             + hex(sha256(raw body))))
 * </pre>
 * PATH is the request path without the query string, METHOD upper case, hex lower case; the timestamp is signed
 * exactly as sent. The body digest makes the signature cover the exact bytes; the timestamp bounds replays to
 * {@code maxSkew}, and the nonce becomes the dedupe id when no {@code Idempotency-Key} is sent, so a replay inside
 * the window returns the same appeal. The Idempotency-Key is not signed: the gateway remembers each nonce bound to
 * the body and the key (or none) for twice {@code maxSkew} ({@link ReplayGuard}), so the nonce cannot come back
 * with another one. A timestamp of 13 digits is milliseconds (what {@code Date.now()} and
 * {@code System.currentTimeMillis()} give; seconds have 10 digits until the year 2286), anything shorter seconds.
 */
public final class RequestSignature {
    public static final String TIMESTAMP = "x-intake-timestamp";
    public static final String NONCE = "x-intake-nonce";
    public static final String SIGNATURE = "x-intake-signature";
    private static final Pattern EPOCH = Pattern.compile("[0-9]{1,13}");
    private static final int MILLIS_DIGITS = 13;
    private static final Pattern NONCE_SHAPE = Pattern.compile("[A-Za-z0-9_-]{8,64}");

    private RequestSignature() {}

    /** The string that is signed. */
    public static String canonical(String method, String path, String timestamp, String nonce, byte[] body) {
        return method.toUpperCase(Locale.ROOT) + "\n" + path + "\n" + timestamp + "\n" + nonce + "\n"
                + Digests.sha256Hex(body);
    }

    public static String sign(String secret, String method, String path, String timestamp, String nonce, byte[] body) {
        return Digests.hmacSha256Hex(
                secret.getBytes(StandardCharsets.UTF_8), canonical(method, path, timestamp, nonce, body));
    }

    /**
     * Verifies the three headers of {@code request} against {@code secret}.
     *
     * @return the nonce
     * @throws InputRejected 401 naming the missing, malformed, stale or wrong header
     */
    public static String verify(InboundRequest request, String secret, Clock clock, Duration maxSkew)
            throws InputRejected {
        String ts = request.header(TIMESTAMP);
        String nonce = request.header(NONCE);
        String signature = request.header(SIGNATURE);
        if (ts == null || !EPOCH.matcher(ts).matches()) {
            throw new InputRejected(
                    401,
                    ts == null ? "timestamp_missing" : "timestamp_invalid",
                    "X-Intake-Timestamp",
                    "X-Intake-Timestamp: epoch seconds or milliseconds required");
        }
        if (!withinSkew(ts, clock, maxSkew)) {
            throw new InputRejected(
                    401,
                    "stale_timestamp",
                    "X-Intake-Timestamp",
                    "X-Intake-Timestamp: more than " + maxSkew.toSeconds() + " s from the server clock");
        }
        if (nonce == null || !NONCE_SHAPE.matcher(nonce).matches()) {
            throw new InputRejected(
                    401,
                    nonce == null ? "nonce_missing" : "nonce_invalid",
                    "X-Intake-Nonce",
                    "X-Intake-Nonce: 8-64 characters of [A-Za-z0-9_-] required");
        }
        if (signature == null || signature.isEmpty()) {
            throw new InputRejected(401, "signature_missing", "X-Intake-Signature", "X-Intake-Signature: required");
        }
        String expected = sign(secret, request.method(), request.path(), ts, nonce, request.body());
        if (!Digests.constantTimeEquals(expected, signature.toLowerCase(Locale.ROOT))) {
            throw InputRejected.badSignature("X-Intake-Signature");
        }
        return nonce;
    }

    /**
     * Seconds are compared in whole seconds (as they always were, so a boundary request is not refused for the
     * server's fraction of a second), milliseconds in milliseconds.
     */
    static boolean withinSkew(String ts, Clock clock, Duration maxSkew) {
        long value = Long.parseLong(ts);
        if (ts.length() == MILLIS_DIGITS) {
            return Math.abs(clock.millis() - value) <= maxSkew.toMillis();
        }
        return Math.abs(clock.instant().getEpochSecond() - value) <= maxSkew.toSeconds();
    }
}
