package cn.jiesu.ivr.flow;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The AGI operations an IVR flow uses on one caller's channel: our own port, so that flows are tested without
 * Asterisk and Asterisk-Java types stay in the {@code agi} adapter.
 *
 * <p>One instance per call, used by one thread; every method blocks until Asterisk has answered the command. Keys
 * come back as a string: the key pressed, or {@code ""} when none was. Every method throws
 * {@link CallerHangupException} once the caller has hung up and {@link ChannelException} when the AGI connection
 * fails or Asterisk refuses a command.
 */
public interface IvrChannel {

    /** Answers the channel (harmless when the dialplan has answered already). */
    void answer();

    /**
     * Plays {@code prompt} and collects up to {@code maxDigits} keys; {@code #} ends the input early and is not
     * returned. Keys pressed while the prompt plays interrupt it and count as input.
     *
     * @return the keys pressed, {@code ""} when none came within {@code timeout} after the prompt
     */
    String getData(String prompt, Duration timeout, int maxDigits);

    /** Plays {@code prompt}; a key in {@code escapeDigits} stops it and is returned. */
    String streamFile(String prompt, String escapeDigits);

    /** Waits for one key. */
    String waitForDigit(Duration timeout);

    /** Speaks {@code digits} one by one in the channel's language; a key in {@code escapeDigits} stops it. */
    String sayDigits(String digits, String escapeDigits);

    /** Speaks a date/time with Asterisk's SAY DATETIME {@code format} (e.g. {@code "BdY"}) in {@code zone}. */
    String sayDateTime(Instant at, String format, ZoneId zone, String escapeDigits);

    /**
     * Records the caller to {@code file}.{@code format} on the Asterisk host until a key in {@code escapeDigits},
     * {@code maxSilence} of silence, or {@code maxDuration}.
     *
     * @return the key that ended the recording, {@code ""} otherwise
     */
    String recordFile(
            String file, String format, String escapeDigits, Duration maxDuration, Duration maxSilence, boolean beep);

    /** The channel variable or dialplan function value; {@code null} when unset. */
    String getVariable(String name);

    void setVariable(String name, String value);
}
