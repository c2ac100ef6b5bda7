package cn.jiesu.ivr.flow;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A caller scripted for flow tests: a test double of our own {@link IvrChannel} port, no Asterisk. Every command
 * that listens (GET DATA, WAIT FOR DIGIT, a prompt with escape digits, RECORD FILE) takes the next entry of
 * {@link #pressing}: the keys the caller presses during it ({@code ""}: nothing, so it times out or plays to the
 * end). A listening prompt keeps only the first key, as Asterisk does. Records every command, AGI-style.
 */
final class ScriptedChannel implements IvrChannel {
    final List<String> commands = new ArrayList<>();
    final Map<String, String> variables = new LinkedHashMap<>();
    private final Deque<String> presses = new ArrayDeque<>();
    private int hangupAfter = Integer.MAX_VALUE;

    static ScriptedChannel pressing(String... keys) {
        ScriptedChannel c = new ScriptedChannel();
        c.presses.addAll(List.of(keys));
        return c;
    }

    /** The caller hangs up once {@code n} commands have been answered: the next one fails as Asterisk's 511. */
    ScriptedChannel hangingUpAfter(int n) {
        hangupAfter = n;
        return this;
    }

    /** Prompt and digit files played, in order. */
    List<String> played() {
        return commands.stream()
                .filter(c -> c.startsWith("STREAM FILE ") || c.startsWith("GET DATA "))
                .map(c -> c.split(" ")[2])
                .toList();
    }

    private String next() {
        return presses.isEmpty() ? "" : presses.removeFirst();
    }

    private void command(String line) {
        if (commands.size() >= hangupAfter) {
            commands.add(line + " -> 511");
            throw new CallerHangupException("511 after " + line);
        }
        commands.add(line);
    }

    private String listen(String line, String escape) {
        command(line);
        String keys = next();
        String first = keys.isEmpty() ? "" : keys.substring(0, 1);
        return escape.contains(first) ? first : "";
    }

    @Override
    public void answer() {
        command("ANSWER");
    }

    @Override
    public String getData(String prompt, Duration timeout, int maxDigits) {
        command("GET DATA " + prompt + " " + timeout.toMillis() + " " + maxDigits);
        String keys = next();
        int hash = keys.indexOf('#');
        String digits = hash >= 0 ? keys.substring(0, hash) : keys;
        return digits.length() > maxDigits ? digits.substring(0, maxDigits) : digits;
    }

    @Override
    public String streamFile(String prompt, String escapeDigits) {
        if (escapeDigits.isEmpty()) {
            command("STREAM FILE " + prompt + " \"\"");
            return "";
        }
        return listen("STREAM FILE " + prompt + " \"" + escapeDigits + "\"", escapeDigits);
    }

    @Override
    public String waitForDigit(Duration timeout) {
        return listen("WAIT FOR DIGIT " + timeout.toMillis(), CallSession.ANY_KEY);
    }

    @Override
    public String sayDigits(String digits, String escapeDigits) {
        if (escapeDigits.isEmpty()) {
            command("SAY DIGITS " + digits + " \"\"");
            return "";
        }
        return listen("SAY DIGITS " + digits + " \"" + escapeDigits + "\"", escapeDigits);
    }

    @Override
    public String sayDateTime(Instant at, String format, ZoneId zone, String escapeDigits) {
        command("SAY DATETIME " + at.getEpochSecond() + " \"" + escapeDigits + "\" " + format + " " + zone);
        return "";
    }

    @Override
    public String recordFile(
            String file, String format, String escapeDigits, Duration maxDuration, Duration maxSilence, boolean beep) {
        return listen(
                "RECORD FILE " + file + " " + format + " \"" + escapeDigits + "\" " + maxDuration.toMillis()
                        + (beep ? " BEEP" : "") + " s=" + maxSilence.toSeconds(),
                escapeDigits);
    }

    @Override
    public String getVariable(String name) {
        command("GET VARIABLE " + name);
        return variables.get(name);
    }

    @Override
    public void setVariable(String name, String value) {
        command("SET VARIABLE " + name + " \"" + value + "\"");
        variables.put(name, value);
    }
}
