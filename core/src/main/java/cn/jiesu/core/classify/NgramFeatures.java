package cn.jiesu.core.classify;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;

/**
 * Turns folded appeal text into a hashed bag of character 1-, 2- and 3-grams plus named tokens (the keyword rules
 * that matched), L2-normalized. Character n-grams need no word segmenter, which Chinese would otherwise need, and
 * they survive the typos and speech-recognition homophones a segmenter trips over. Stateless and thread-safe.
 */
final class NgramFeatures {
    /** Index 0 is the always-on bias feature. */
    static final int BIAS = 0;

    private final int bits;
    private final int mask;
    private final int longest;

    /** @param longest the longest n-gram, 1..4 */
    NgramFeatures(int bits, int longest) {
        if (bits < 8 || bits > 24) {
            throw new IllegalArgumentException("bits: 8..24, was " + bits);
        }
        if (longest < 1 || longest > 4) {
            throw new IllegalArgumentException("longest: 1..4, was " + longest);
        }
        this.bits = bits;
        this.mask = (1 << bits) - 1;
        this.longest = longest;
    }

    int dimension() {
        return 1 << bits;
    }

    /** The vector of {@code folded} (already normalized) text and {@code tokens}, each token counted once. */
    SparseVector vector(String folded, Collection<String> tokens) {
        return vector(folded, tokens, null);
    }

    /**
     * The same, keeping only the features {@code keep} holds (null: all): n-grams too rare in the corpus to be
     * evidence are left out before normalizing, so they neither teach nor sway.
     */
    SparseVector vector(String folded, Collection<String> tokens, BitSet keep) {
        int n = folded.length();
        int[] raw = new int[1 + longest * n + tokens.size()];
        int k = 0;
        raw[k++] = BIAS;
        for (int i = 0; i < n; i++) {
            int h = 0x9E37_79B9;
            for (int j = i; j < Math.min(n, i + longest); j++) {
                h = mix(h * 31 + folded.charAt(j)); // the n-gram ending at j, chained from the one before
                raw[k++] = slot(h);
            }
        }
        for (String t : tokens) {
            raw[k++] = slot(mix(0x7F4A_7C15 ^ t.hashCode()));
        }
        Arrays.sort(raw, 0, k);
        int[] index = new int[k];
        float[] value = new float[k];
        int m = 0;
        for (int i = 0; i < k; i++) {
            if (keep != null && raw[i] != BIAS && !keep.get(raw[i])) {
                continue;
            }
            if (m > 0 && index[m - 1] == raw[i]) {
                value[m - 1] += 1f;
            } else {
                index[m] = raw[i];
                value[m++] = 1f;
            }
        }
        double norm = 0;
        for (int i = 0; i < m; i++) {
            norm += value[i] * value[i];
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < m; i++) {
            value[i] *= scale;
        }
        return new SparseVector(Arrays.copyOf(index, m), Arrays.copyOf(value, m));
    }

    private int slot(int hash) {
        int s = hash & mask;
        return s == BIAS ? 1 : s; // keep the bias slot for the bias
    }

    /** Murmur3's finalizer: spreads nearby inputs (consecutive characters) over the whole table. */
    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85EB_CA6B;
        h ^= h >>> 13;
        h *= 0xC2B2_AE35;
        h ^= h >>> 16;
        return h;
    }
}
