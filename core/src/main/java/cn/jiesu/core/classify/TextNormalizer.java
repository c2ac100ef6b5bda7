package cn.jiesu.core.classify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.Set;

/**
 * Folds appeal text into the form keywords are matched in: full-width ASCII to half-width, traditional and
 * variant characters to simplified, Latin letters to lower case, and whitespace, punctuation, symbols and
 * emoji dropped, so that {@code 燃 氣-洩漏！} and {@code 燃气泄漏} compare equal. Immutable and thread-safe.
 *
 * <p>Dropping separators is what makes the matcher tolerant of spaces and punctuation typed between the
 * characters of a phrase; the price is that a phrase can also match across a sentence boundary, which for
 * multi-character Chinese phrases is rare.
 */
public final class TextNormalizer {
    private static final String TABLE = "traditional-simplified.txt";

    private final char[] map;
    private final BitSet dropped;

    private TextNormalizer(char[] map, BitSet dropped) {
        this.map = map;
        this.dropped = dropped;
    }

    /** The normalizer with the built-in traditional-to-simplified table. */
    public static TextNormalizer standard() {
        return withDroppedCharacters(Set.of());
    }

    /**
     * A normalizer that additionally drops {@code dropped} (after folding): used by text similarity to ignore
     * particles such as 的/了 that carry no topic.
     */
    public static TextNormalizer withDroppedCharacters(Set<Character> dropped) {
        char[] map = new char[Character.MAX_VALUE + 1];
        for (int c = 0; c < map.length; c++) {
            map[c] = (char) c;
        }
        try (InputStream in = TextNormalizer.class.getResourceAsStream(TABLE)) {
            if (in == null) {
                throw new IllegalStateException("classpath resource missing: " + TABLE);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.length() == 2 && !line.startsWith("#")) {
                    map[line.charAt(0)] = line.charAt(1);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + TABLE, e);
        }
        BitSet bits = new BitSet();
        dropped.forEach(c -> bits.set(c));
        return new TextNormalizer(map, bits);
    }

    /** The folded text; empty for null. */
    public String normalize(CharSequence text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int cp = Character.codePointAt(text, i);
            i += Character.charCount(cp);
            int folded = fold(cp);
            if (keep(folded)) {
                out.appendCodePoint(folded);
            }
        }
        return out.toString();
    }

    private int fold(int cp) {
        if (cp >= 0xFF01 && cp <= 0xFF5E) {
            cp -= 0xFEE0; // full-width ASCII block
        }
        if (cp <= Character.MAX_VALUE) {
            cp = map[cp];
        }
        return cp < 128 ? Character.toLowerCase(cp) : cp;
    }

    private boolean keep(int cp) {
        if (!Character.isLetterOrDigit(cp)) {
            return false;
        }
        return cp > Character.MAX_VALUE || !dropped.get(cp);
    }
}
