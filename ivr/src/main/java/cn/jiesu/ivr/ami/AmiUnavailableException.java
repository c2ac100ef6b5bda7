package cn.jiesu.ivr.ami;

/** The AMI action connection is not logged in (reconnecting or stopped); retriable once it is UP again. */
public final class AmiUnavailableException extends RuntimeException {
    public AmiUnavailableException(String message) {
        super(message);
    }

    public AmiUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
