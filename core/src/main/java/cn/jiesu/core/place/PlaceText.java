package cn.jiesu.core.place;

import cn.jiesu.core.classify.TextNormalizer;

/**
 * Folds address text and gazetteer names into one form before matching: full-width to half-width, traditional to
 * simplified, Latin to lower case, spaces and punctuation dropped (triage's {@link TextNormalizer}), and 〇 to 零,
 * which that normalizer would drop as a non-letter. Thread-safe.
 */
final class PlaceText {
    private final TextNormalizer normalizer = TextNormalizer.standard();

    String fold(String text) {
        if (text == null) {
            return "";
        }
        return normalizer.normalize(text.replace('〇', '零'));
    }
}
