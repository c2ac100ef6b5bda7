package cn.jiesu.core.intake;

import java.time.Clock;
import java.util.random.RandomGenerator;

/**
 * Generates ULIDs: 26 Crockford base-32 characters, time-ordered by millisecond and monotonic within one
 * generator, so stream order, id order and time order agree. Thread-safe.
 */
public final class IntakeIds {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private final Clock clock;
    private final RandomGenerator random;
    private long lastMillis = -1;
    private long randomHigh; // 16 bits
    private long randomLow; // 64 bits

    public IntakeIds(Clock clock, RandomGenerator random) {
        this.clock = clock;
        this.random = random;
    }

    public synchronized String next() {
        long now = clock.millis();
        if (now <= lastMillis) {
            // Same (or earlier: clock stepped back) millisecond: increment the random part to stay monotonic.
            randomLow++;
            if (randomLow == 0) {
                randomHigh = (randomHigh + 1) & 0xFFFF;
            }
            now = lastMillis;
        } else {
            lastMillis = now;
            randomHigh = random.nextLong() & 0xFFFF;
            randomLow = random.nextLong();
        }
        return encode(now, randomHigh, randomLow);
    }

    static String encode(long millis, long high16, long low64) {
        char[] out = new char[26];
        long t = millis;
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (t & 31)];
            t >>>= 5;
        }
        // 80 random bits = high16 (16 bits) followed by low64 (64 bits): 16 characters of 5 bits.
        for (int i = 25; i >= 10; i--) {
            int shift = (25 - i) * 5;
            long bits;
            if (shift + 5 <= 64) {
                bits = low64 >>> shift;
            } else if (shift >= 64) {
                bits = high16 >>> (shift - 64);
            } else {
                bits = (low64 >>> shift) | (high16 << (64 - shift));
            }
            out[i] = ALPHABET[(int) (bits & 31)];
        }
        return new String(out);
    }

    /** The millisecond timestamp encoded in a ULID. */
    public static long timestampOf(String ulid) {
        long t = 0;
        for (int i = 0; i < 10; i++) {
            int v = indexOf(ulid.charAt(i));
            t = (t << 5) | v;
        }
        return t;
    }

    private static int indexOf(char c) {
        char u = Character.toUpperCase(c);
        for (int i = 0; i < ALPHABET.length; i++) {
            if (ALPHABET[i] == u) {
                return i;
            }
        }
        throw new IllegalArgumentException("not a ULID character: " + c);
    }
}
