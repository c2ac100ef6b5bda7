package cn.jiesu.channels;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/** The edge checks every adapter runs before parsing: size, content type, strict UTF-8. */
public final class RequestChecks {
    private RequestChecks() {}

    /** 413 when the body is larger than {@code maxBytes}. */
    public static void bodyWithin(InboundRequest request, int maxBytes) throws InputRejected {
        if (request.bodyLength() > maxBytes) {
            throw new InputRejected(
                    413,
                    "body_too_large",
                    "body",
                    "body: " + request.bodyLength() + " bytes is over the limit of " + maxBytes);
        }
    }

    /**
     * 415 unless the media type (parameters ignored) is one of {@code allowed}, or absent when {@code allowMissing};
     * a charset other than UTF-8 is refused too.
     */
    public static String mediaType(InboundRequest request, Set<String> allowed, boolean allowMissing)
            throws InputRejected {
        String header = request.header("content-type");
        if (header == null || header.isBlank()) {
            if (allowMissing) {
                return null;
            }
            throw new InputRejected(
                    415, "unsupported_media_type", "content-type", "content-type: required, one of " + allowed);
        }
        String[] parts = header.split(";");
        String type = parts[0].trim().toLowerCase(Locale.ROOT);
        if (!allowed.contains(type)) {
            throw new InputRejected(
                    415,
                    "unsupported_media_type",
                    "content-type",
                    "content-type: '" + type + "' is not one of " + allowed);
        }
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim().toLowerCase(Locale.ROOT);
            if (p.startsWith("charset=")) {
                String cs = p.substring(8).replace("\"", "").trim();
                if (!cs.equals("utf-8") && !cs.equals("utf8")) {
                    throw new InputRejected(
                            415,
                            "unsupported_charset",
                            "content-type",
                            "content-type: charset must be UTF-8, was " + cs);
                }
            }
        }
        return type;
    }

    /** Decodes strictly: malformed or truncated UTF-8 is a 400 naming {@code field}, never replaced silently. */
    public static String utf8(byte[] bytes, String field) throws InputRejected {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InputRejected(400, "invalid_utf8", field, field + ": not valid UTF-8");
        }
    }

    /**
     * The first byte of {@code body} that is not a UTF-8 byte order mark or JSON/XML whitespace, or -1: how a body
     * that may be JSON or XML (WeChat mini programs, Weibo's two push formats) tells which it is.
     */
    public static int firstSignificantByte(byte[] body) {
        int i = body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF
                ? 3
                : 0;
        for (; i < body.length; i++) {
            byte b = body[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return b;
            }
        }
        return -1;
    }
}
