package cn.jiesu.channels.web;

import cn.jiesu.channels.Digests;
import cn.jiesu.core.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * CSRF tokens for the web form, stateless: {@code v1.<nonce>.<expiry>.<mac>} with a random 128-bit nonce, the
 * expiry in epoch seconds and mac = HMAC-SHA256(secret, "v1." + nonce + "." + expiry + "." + binding), all
 * base64url. The gateway embeds one per rendered form and binds it to the value of a per-browser cookie
 * (double-submit), so a page on another site can neither forge a token nor use one taken from our page without
 * the victim's cookie. The nonce doubles as the submission's dedupe id: submitting the same form twice (a double
 * click, a refresh that re-posts) yields the same appeal. Thread-safe.
 */
public final class FormTokens {
    /** Outcome of {@link #verify}. */
    public record Check(boolean valid, String nonce, String problem) {
        static Check ok(String nonce) {
            return new Check(true, nonce, null);
        }

        static Check bad(String problem) {
            return new Check(false, null, problem);
        }
    }

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9_-]{22}");
    private static final Pattern EXPIRY = Pattern.compile("[0-9]{1,12}");
    private final byte[] secret;
    private final Duration ttl;
    private final Clock clock;
    private final RandomGenerator random;

    public FormTokens(String secret, Duration ttl, Clock clock, RandomGenerator random) {
        if (secret == null || secret.length() < 32) {
            throw new ConfigException("channels.web.csrfSecret", "at least 32 characters");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.ttl = ttl;
        this.clock = clock;
        this.random = random;
    }

    public FormTokens(String secret, Duration ttl, Clock clock) {
        this(secret, ttl, clock, new SecureRandom());
    }

    /** A token not bound to a cookie. */
    public String issueToken() {
        return issueToken("");
    }

    /** A token valid for {@code ttl}, bound to {@code binding} (the browser's CSRF cookie value; "" for none). */
    public String issueToken(String binding) {
        byte[] n = new byte[16];
        random.nextBytes(n);
        String nonce = B64.encodeToString(n);
        long expiry = clock.instant().plus(ttl).getEpochSecond();
        return "v1." + nonce + "." + expiry + "." + mac(nonce, expiry, binding);
    }

    public Check verify(String token) {
        return verify(token, "");
    }

    public Check verify(String token, String binding) {
        if (token == null || token.isEmpty()) {
            return Check.bad("missing");
        }
        String[] p = token.split("\\.", -1);
        if (p.length != 4
                || !p[0].equals("v1")
                || !NONCE.matcher(p[1]).matches()
                || !EXPIRY.matcher(p[2]).matches()) {
            return Check.bad("malformed");
        }
        long expiry = Long.parseLong(p[2]);
        if (!Digests.constantTimeEquals(mac(p[1], expiry, binding == null ? "" : binding), p[3])) {
            return Check.bad("invalid");
        }
        if (clock.instant().getEpochSecond() > expiry) {
            return Check.bad("expired");
        }
        return Check.ok(p[1]);
    }

    /**
     * A receipt for appeal {@code appealNo} submitted by the browser whose form cookie is {@code binding}:
     * base64url HMAC-SHA256(secret, "r1." + appealNo + "." + binding). The confirmation page shows the appeal only
     * to the browser holding both, so a made-up or someone else's number reveals nothing.
     */
    public String receipt(String appealNo, String binding) {
        byte[] raw = HexFormat.of()
                .parseHex(Digests.hmacSha256Hex(secret, "r1." + appealNo + "." + (binding == null ? "" : binding)));
        return B64.encodeToString(raw);
    }

    /** Whether {@code receipt} is {@link #receipt}(appealNo, binding); false for null or an empty binding. */
    public boolean verifyReceipt(String appealNo, String binding, String receipt) {
        if (appealNo == null || receipt == null || binding == null || binding.isEmpty()) {
            return false;
        }
        return Digests.constantTimeEquals(receipt(appealNo, binding), receipt);
    }

    private String mac(String nonce, long expiry, String binding) {
        byte[] raw =
                HexFormat.of().parseHex(Digests.hmacSha256Hex(secret, "v1." + nonce + "." + expiry + "." + binding));
        return B64.encodeToString(raw);
    }

    @Override
    public String toString() {
        return "FormTokens[secret=***, ttl=" + ttl + "]";
    }
}
