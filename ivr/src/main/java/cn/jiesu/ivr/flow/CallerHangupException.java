package cn.jiesu.ivr.flow;

/**
 * The caller hung up: Asterisk said HANGUP or refused a command on the dead channel (511). A normal end of a
 * session, not an error; the session must return promptly so that the FastAGI socket closes.
 */
public final class CallerHangupException extends RuntimeException {
    public CallerHangupException(String message) {
        super(message, null, false, false);
    }
}
