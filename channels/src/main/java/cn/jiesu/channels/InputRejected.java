package cn.jiesu.channels;

/**
 * Thrown inside an adapter when a request is refused; the adapter's {@code handle} turns it into a
 * {@link ChannelResult.Rejected} with the channel's error body, so it never escapes to the gateway.
 */
public final class InputRejected extends Exception {
    private final int status;
    private final String code;
    private final String field;

    public InputRejected(int status, String code, String field, String message) {
        super(message, null, false, false); // an expected outcome: no stack trace
        this.status = status;
        this.code = code;
        this.field = field;
    }

    public static InputRejected badField(String field, String message) {
        return new InputRejected(400, "field_invalid", field, field + ": " + message);
    }

    public static InputRejected missing(String field) {
        return new InputRejected(400, "field_missing", field, field + ": required");
    }

    public static InputRejected badSignature(String field) {
        return new InputRejected(401, "invalid_signature", field, field + ": signature does not verify");
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }
}
