package cn.jiesu.ivr.agi;

import cn.jiesu.ivr.flow.CallerHangupException;
import cn.jiesu.ivr.flow.ChannelException;
import cn.jiesu.ivr.flow.IvrChannel;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiHangupException;
import org.asteriskjava.fastagi.AgiNetworkException;
import org.asteriskjava.fastagi.command.AgiCommand;
import org.asteriskjava.fastagi.command.AnswerCommand;
import org.asteriskjava.fastagi.command.GetDataCommand;
import org.asteriskjava.fastagi.command.GetVariableCommand;
import org.asteriskjava.fastagi.command.RecordFileCommand;
import org.asteriskjava.fastagi.command.SayDateTimeCommand;
import org.asteriskjava.fastagi.command.SayDigitsCommand;
import org.asteriskjava.fastagi.command.SetVariableCommand;
import org.asteriskjava.fastagi.command.StreamFileCommand;
import org.asteriskjava.fastagi.command.WaitForDigitCommand;
import org.asteriskjava.fastagi.reply.AgiReply;

/**
 * {@link IvrChannel} over an Asterisk-Java {@link AgiChannel}: sends one AGI command per call, times the round
 * trip ({@code agi.command.latency}) and translates replies and exceptions into our terms. Confined to the session's
 * thread.
 *
 * <p>Result codes as Asterisk 22 sends them: {@code -1} means the channel hung up (or, for playback, that the file
 * could not be played, which the next command then tells apart); 511 and the {@code HANGUP} line mean hung up.
 */
final class AgiIvrChannel implements IvrChannel {
    private final AgiChannel channel;
    private final AgiMetrics metrics;

    AgiIvrChannel(AgiChannel channel, AgiMetrics metrics) {
        this.channel = channel;
        this.metrics = metrics;
    }

    @Override
    public void answer() {
        send("answer", new AnswerCommand());
    }

    @Override
    public String getData(String prompt, Duration timeout, int maxDigits) {
        AgiReply reply = send("get-data", new GetDataCommand(prompt, timeout.toMillis(), maxDigits));
        String result = reply.getResult();
        if ("-1".equals(result)) {
            throw new CallerHangupException("GET DATA returned -1");
        }
        return result == null ? "" : result;
    }

    @Override
    public String streamFile(String prompt, String escapeDigits) {
        return keyOf(send("stream-file", new StreamFileCommand(prompt, escapeDigits)), false);
    }

    @Override
    public String waitForDigit(Duration timeout) {
        return keyOf(send("wait-for-digit", new WaitForDigitCommand(timeout.toMillis())), true);
    }

    @Override
    public String sayDigits(String digits, String escapeDigits) {
        return keyOf(send("say-digits", new SayDigitsCommand(digits, escapeDigits)), false);
    }

    @Override
    public String sayDateTime(Instant at, String format, ZoneId zone, String escapeDigits) {
        return keyOf(
                send("say-datetime", new SayDateTimeCommand(at.getEpochSecond(), escapeDigits, format, zone.getId())),
                false);
    }

    @Override
    public String recordFile(
            String file, String format, String escapeDigits, Duration maxDuration, Duration maxSilence, boolean beep) {
        AgiReply reply = send(
                "record-file",
                new RecordFileCommand(file, format, escapeDigits, (int) maxDuration.toMillis(), 0, beep, (int)
                        maxSilence.toSeconds()));
        if (reply.getResultCode() == -1) {
            if ("hangup".equals(reply.getExtra())) {
                throw new CallerHangupException("RECORD FILE: caller hung up");
            }
            throw new ChannelException(
                    ChannelException.Failure.PROTOCOL,
                    "RECORD FILE failed (" + reply.getExtra() + ") for " + file,
                    null);
        }
        return keyOf(reply, false);
    }

    @Override
    public String getVariable(String name) {
        AgiReply reply = send("get-variable", new GetVariableCommand(name));
        return reply.getResultCode() == 1 ? reply.getExtra() : null;
    }

    @Override
    public void setVariable(String name, String value) {
        send("set-variable", new SetVariableCommand(name, value));
    }

    /** The key in a playback or wait reply: the result is its character code, 0 for none. */
    private static String keyOf(AgiReply reply, boolean minusOneIsHangup) {
        int code = reply.getResultCode();
        if (code == -1 && minusOneIsHangup) {
            throw new CallerHangupException("result -1");
        }
        return code > 0 ? String.valueOf((char) code) : "";
    }

    private AgiReply send(String verb, AgiCommand command) {
        long start = System.nanoTime();
        try {
            return channel.sendCommand(command);
        } catch (AgiHangupException e) {
            throw new CallerHangupException(verb + ": channel hung up");
        } catch (AgiNetworkException e) {
            throw new ChannelException(ChannelException.Failure.NETWORK, verb + ": " + e.getMessage(), e);
        } catch (AgiException e) {
            // InvalidOrUnknownCommandException (510), InvalidCommandSyntaxException (520), speech errors
            throw new ChannelException(ChannelException.Failure.PROTOCOL, verb + ": " + e.getMessage(), e);
        } finally {
            metrics.command(verb, System.nanoTime() - start);
        }
    }
}
