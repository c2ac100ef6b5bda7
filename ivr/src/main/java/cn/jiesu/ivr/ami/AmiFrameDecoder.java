package cn.jiesu.ivr.ami;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A minimal AMI wire decoder: bytes in any fragmentation → {@link AmiFrame}s. Lines end in CRLF (LF alone is
 * accepted); a blank line ends a message; the banner line ({@code Asterisk Call Manager/11.0.0}) and lines without
 * {@code ": "} are skipped. It exists as the "raw socket read" baseline of the AMI replay benchmark and as a test
 * oracle for the Asterisk-Java path; production reads AMI through Asterisk-Java. Not thread-safe.
 */
public final class AmiFrameDecoder {
    private final Consumer<AmiFrame> sink;
    private byte[] line = new byte[256];
    private int lineLength;
    private Map<String, String> fields = new HashMap<>();
    private Map<String, String> chanVars = Map.of();
    private long frames;

    public AmiFrameDecoder(Consumer<AmiFrame> sink) {
        this.sink = sink;
    }

    public void feed(byte[] bytes) {
        feed(bytes, 0, bytes.length);
    }

    public void feed(byte[] bytes, int offset, int length) {
        int end = offset + length;
        int start = offset;
        for (int i = offset; i < end; i++) {
            if (bytes[i] == '\n') {
                append(bytes, start, i - start);
                endLine();
                start = i + 1;
            }
        }
        append(bytes, start, end - start);
    }

    /** Messages decoded so far. */
    public long frames() {
        return frames;
    }

    private void append(byte[] bytes, int from, int n) {
        if (n <= 0) {
            return;
        }
        if (lineLength + n > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + n));
        }
        System.arraycopy(bytes, from, line, lineLength, n);
        lineLength += n;
    }

    private void endLine() {
        int n = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
        lineLength = 0;
        if (n == 0) {
            if (!fields.isEmpty()) {
                frames++;
                sink.accept(new AmiFrame(fields, chanVars));
                fields = new HashMap<>();
                chanVars = Map.of();
            }
            return;
        }
        int colon = indexOfColon(n);
        if (colon <= 0) {
            return;
        }
        String key = new String(line, 0, colon, StandardCharsets.US_ASCII);
        int valueStart = colon + 1 < n && line[colon + 1] == ' ' ? colon + 2 : colon + 1;
        String value = new String(line, valueStart, n - valueStart, StandardCharsets.UTF_8);
        if (ChanVariables.isChanVariableKey(key)) {
            addChanVariable(key, value);
            return;
        }
        fields.putIfAbsent(key, value);
    }

    /** Only the event's own channel: {@code DestChanVariable} lines describe another channel. */
    private void addChanVariable(String key, String value) {
        ChanVariables.Entry e = ChanVariables.parse(key, value);
        if (e != null) {
            if (chanVars.isEmpty()) {
                chanVars = new HashMap<>();
            }
            chanVars.put(e.name(), e.value());
        }
    }

    private int indexOfColon(int n) {
        for (int i = 0; i < n; i++) {
            if (line[i] == ':') {
                return i;
            }
        }
        return -1;
    }
}
