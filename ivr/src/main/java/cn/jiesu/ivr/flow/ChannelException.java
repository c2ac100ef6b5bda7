package cn.jiesu.ivr.flow;

import java.util.Locale;

/** The AGI conversation failed for a reason other than the caller hanging up. The session cannot go on. */
public final class ChannelException extends RuntimeException {

    /** What failed; becomes the {@code kind} tag of {@code agi.errors}. */
    public enum Failure {
        /** The socket broke or timed out. */
        NETWORK,
        /** Asterisk rejected a command as unknown (510) or malformed (520). */
        PROTOCOL
    }

    private final Failure failure;

    public ChannelException(Failure failure, String message, Throwable cause) {
        super(message, cause);
        this.failure = failure;
    }

    public Failure failure() {
        return failure;
    }

    /** The {@code agi.errors} kind: {@code network} or {@code protocol}. */
    public String kind() {
        return failure.name().toLowerCase(Locale.ROOT);
    }
}
