package cn.jiesu.channels;

import cn.jiesu.core.config.ConfigException;
import java.time.Duration;

/**
 * The query parameters that Weibo and WeChat push with alike: the signature nonce, the URL verification, and the
 * replay guard of a signed push.
 */
public final class PushQuery {
    /**
     * Their signatures cover timestamp and nonce, not the body: a captured query with another body verifies. The
     * platforms' retries resend the very same body, so anything else is a forgery.
     */
    private static final ChannelResult.Rejected NONCE_REUSED = ErrorReplies.json(
            401, "nonce_reused", "nonce", "nonce: this timestamp and nonce were already signed for another body");

    /** Weibo's and WeChat's retries reuse the first timestamp for ~15 s; vendor and gateway clocks run on NTP. */
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);
    /** Below this, a retry of a push that came in late could be refused. */
    public static final Duration MIN_WINDOW = Duration.ofMinutes(1);
    /** Above this, the nonce memory (pushes/s x twice the window) stops being small. */
    public static final Duration MAX_WINDOW = Duration.ofHours(1);

    private PushQuery() {}

    /**
     * A push channel's timestamp window as configured under {@code key}: the default when not given, else
     * {@link #MIN_WINDOW} to {@link #MAX_WINDOW}. There is no "off": the signature covers only timestamp and nonce,
     * so without a window one captured query signs forged appeals forever.
     *
     * @throws IllegalArgumentException "key: problem"
     */
    public static Duration window(Duration given, String key) {
        if (given == null) {
            return DEFAULT_WINDOW;
        }
        if (given.compareTo(MIN_WINDOW) < 0 || given.compareTo(MAX_WINDOW) > 0) {
            throw new ConfigException(
                    key,
                    "must be from 1m to 1h, was " + given.toSeconds() + " s (there "
                            + "is no off: the signature does not cover the body, so an old signed query would sign new ones)");
        }
        return given;
    }

    /**
     * The replay guard of a verified push: its timestamp and nonce are remembered for twice {@code window}, bound to
     * the body's sha256, so a retry (same query, same body) dedupes as before and the same query with another body
     * is refused (401 naming {@code nonce}).
     */
    public static ReplayGuard guard(InboundRequest request, String timestamp, String nonce, Duration window) {
        return ReplayGuard.of(ReplayGuard.PUSH, timestamp + ":" + nonce, request.body(), null, window, NONCE_REUSED);
    }

    /** The {@code nonce} parameter: required, 1-64 characters. */
    public static String nonce(InboundRequest request) throws InputRejected {
        String nonce = request.queryParam("nonce");
        if (nonce == null || nonce.isEmpty() || nonce.length() > 64) {
            throw nonce == null ? InputRejected.missing("nonce") : InputRejected.badField("nonce", "1-64 characters");
        }
        return nonce;
    }

    /**
     * The URL verification's answer, once its signature verified: {@code echostr} echoed verbatim as text, which
     * must be printable ASCII because it is written back unescaped.
     */
    public static ChannelResult.Handshake echo(InboundRequest request) throws InputRejected {
        String echo = request.queryParam("echostr");
        if (echo == null || echo.isEmpty()) {
            throw InputRejected.missing("echostr");
        }
        if (echo.length() > 256 || !echo.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw InputRejected.badField("echostr", "expected up to 256 printable ASCII characters");
        }
        return new ChannelResult.Handshake(HttpReply.text(200, echo));
    }
}
