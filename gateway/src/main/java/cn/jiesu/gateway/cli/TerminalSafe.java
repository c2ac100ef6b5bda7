package cn.jiesu.gateway.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A command's messages with control characters shown, not obeyed: a message that quotes an imported file (a CSV
 * header, a bad value) could otherwise carry escape sequences that retitle, recolour or clear the operator's
 * terminal. C0 controls other than line feed and tab, DEL, and the C1 controls (UTF-8 {@code C2 80}..{@code C2 9F},
 * CSI among them) are written as {@code \xHH} (C0, DEL) or a backslash, {@code u} and four hex digits (C1). Works on the UTF-8 bytes: a C0 byte never occurs
 * inside a multi-byte character.
 */
final class TerminalSafe extends FilterOutputStream {
    private boolean afterC2;

    private TerminalSafe(OutputStream out) {
        super(out);
    }

    /** {@code out} as a UTF-8 print stream that escapes control characters, flushing on every line. */
    static PrintStream wrap(OutputStream out) {
        return new PrintStream(new TerminalSafe(out), true, StandardCharsets.UTF_8);
    }

    @Override
    public void write(int b) throws IOException {
        b &= 0xFF;
        if (afterC2) {
            afterC2 = false;
            if (b >= 0x80 && b <= 0x9F) {
                out.write(String.format("\\u%04x", b).getBytes(StandardCharsets.US_ASCII));
                return;
            }
            out.write(0xC2);
        }
        if (b == 0xC2) {
            afterC2 = true; // decided by the next byte
        } else if ((b < 0x20 && b != '\n' && b != '\t') || b == 0x7F) {
            out.write(String.format("\\x%02x", b).getBytes(StandardCharsets.US_ASCII));
        } else {
            out.write(b);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        for (int i = 0; i < len; i++) {
            write(b[off + i]);
        }
    }

    /** A C2 byte still waiting for the next one stays waiting: written now, a C1 control after it would pass. */
    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (afterC2) {
            afterC2 = false;
            out.write(0xC2);
        }
        super.close();
    }
}
