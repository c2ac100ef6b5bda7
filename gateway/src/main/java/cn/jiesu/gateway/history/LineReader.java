package cn.jiesu.gateway.history;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The import file's lines, as bytes decoded one line at a time: a line that is not UTF-8 or longer than {@link
 * #MAX_BYTES} is one refused line, not the end of the import. A whole-file decoder would stop at the first bad byte
 * and leave the rest unread; a reader of unbounded lines would hold a 20 MiB line in memory, so a line over the limit
 * is skipped to its end without being kept.
 */
public final class LineReader implements HistoryLines {
    /**
     * 1 MiB: the longest valid line is about 53 KB (title and text 4,000 characters each, address 500, category 200,
     * id 64, each character at worst a 6-byte JSON escape), so twenty times that is room for topics and spacing.
     */
    public static final int MAX_BYTES = 1 << 20;

    /** One line: its text, or why it has none ({@code problem} "not UTF-8" or "longer than 1 MiB"). */
    public record Line(long number, String text, String problem) {}

    private final InputStream in;
    private final int maxBytes;
    private final byte[] buffer = new byte[1 << 16];
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private int position;
    private int limit;
    private long number;
    private byte[] line = new byte[256];

    public LineReader(InputStream in) {
        this(in, MAX_BYTES);
    }

    LineReader(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** The next line without its line end (LF or CRLF); null at the end of the input. */
    @Override
    public Line next() throws IOException {
        int length = 0;
        boolean tooLong = false;
        boolean any = false;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    if (!any) {
                        return null;
                    }
                    break;
                }
            }
            any = true;
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            int n = position - start;
            if (!tooLong && length + n > maxBytes + 1) { // + 1: the CR of a CRLF line end
                tooLong = true;
            }
            if (!tooLong) {
                if (length + n > line.length) {
                    line = Arrays.copyOf(line, Math.max(length + n, line.length * 2));
                }
                System.arraycopy(buffer, start, line, length, n);
                length += n;
            }
            if (position < limit) {
                position++; // the LF
                break;
            }
        }
        number++;
        if (!tooLong && length > 0 && line[length - 1] == '\r') {
            length--;
        }
        if (tooLong || length > maxBytes) {
            return new Line(
                    number,
                    null,
                    "longer than " + (maxBytes >= 1 << 20 ? (maxBytes >> 20) + " MiB" : maxBytes + " bytes"));
        }
        try {
            return new Line(
                    number, utf8.decode(ByteBuffer.wrap(line, 0, length)).toString(), null);
        } catch (CharacterCodingException e) {
            return new Line(number, null, "not UTF-8");
        }
    }
}
