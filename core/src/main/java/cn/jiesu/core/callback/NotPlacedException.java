package cn.jiesu.core.callback;

/**
 * A {@link Dialer} could not place the attempt at all (the telephony link is down, nothing was sent): the attempt is
 * re-queued as never started and does not count against the retry budget. Any other failure counts as FAILED.
 */
public final class NotPlacedException extends RuntimeException {
    public NotPlacedException(String message, Throwable cause) {
        super(message, cause);
    }
}
