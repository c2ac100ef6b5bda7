package cn.jiesu.channels;

/** The query parameters that Weibo and WeChat push with alike: the signature nonce and the URL verification. */
public final class PushQuery {
    private PushQuery() {
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
