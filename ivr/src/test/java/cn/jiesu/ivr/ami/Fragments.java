package cn.jiesu.ivr.ami;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Real capture bytes cut into random-sized fragments, the way TCP may deliver them. */
final class Fragments {
    private Fragments() {}

    static byte[] fixture(String name) {
        try (InputStream in = Fragments.class.getResourceAsStream("/fixtures/ami/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Cuts {@code bytes} into pieces of 1..maxPiece bytes, reproducibly for a seed. */
    static List<byte[]> cut(byte[] bytes, long seed, int maxPiece) {
        Random random = new Random(seed);
        List<byte[]> pieces = new ArrayList<>();
        int at = 0;
        while (at < bytes.length) {
            int n = Math.min(bytes.length - at, 1 + random.nextInt(maxPiece));
            byte[] piece = new byte[n];
            System.arraycopy(bytes, at, piece, 0, n);
            pieces.add(piece);
            at += n;
        }
        return pieces;
    }

    /** An input stream that returns at most one piece per read, like a socket. */
    static InputStream stream(List<byte[]> pieces) {
        return new InputStream() {
            private int piece;
            private int offset;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (piece >= pieces.size()) {
                    return -1;
                }
                byte[] p = pieces.get(piece);
                int n = Math.min(len, p.length - offset);
                System.arraycopy(p, offset, b, off, n);
                offset += n;
                if (offset == p.length) {
                    piece++;
                    offset = 0;
                }
                return n;
            }
        };
    }
}
