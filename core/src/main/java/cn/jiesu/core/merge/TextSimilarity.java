package cn.jiesu.core.merge;

import cn.jiesu.core.classify.TextNormalizer;
import java.util.HashSet;
import java.util.Set;

/**
 * Character-bigram similarity for Chinese appeal text: no word segmentation needed, robust to the reordering
 * and small wording changes between a phone transcript and a Weibo post. Thread-safe.
 *
 * <p>Text is folded with {@link TextNormalizer} (traditional to simplified, punctuation dropped) and particles
 * such as 的/了/吗 are removed first: they are frequent, carry no topic, and would otherwise pad the overlap.
 */
public final class TextSimilarity {
    /** Particles and pronouns that say nothing about the problem. */
    public static final Set<Character> PARTICLES = Set.of(
            '的', '了', '在', '是', '我', '们', '有', '和', '就', '都', '也', '很', '要', '会', '着', '吧', '呢', '啊', '吗', '么', '呀',
            '哦', '嘛', '请', '您', '你', '他', '她', '它', '这', '那', '个', '还', '又', '把', '被', '给', '让');

    private final TextNormalizer normalizer;

    public TextSimilarity(TextNormalizer normalizer) {
        this.normalizer = normalizer;
    }

    /** With the standard folding and {@link #PARTICLES} removed. */
    public static TextSimilarity standard() {
        return new TextSimilarity(TextNormalizer.withDroppedCharacters(PARTICLES));
    }

    /**
     * Dice coefficient of the two bigram sets, 2|A∩B| / (|A| + |B|), in [0, 1]; 0 when either text is empty.
     * A one-character text counts as the single "bigram" of that character.
     */
    public double dice(String a, String b) {
        Set<Integer> x = bigrams(a);
        Set<Integer> y = bigrams(b);
        if (x.isEmpty() || y.isEmpty()) {
            return 0;
        }
        int common = 0;
        for (Integer g : x.size() <= y.size() ? x : y) {
            if ((x.size() <= y.size() ? y : x).contains(g)) {
                common++;
            }
        }
        return 2.0 * common / (x.size() + y.size());
    }

    /**
     * Overlap coefficient of the two bigram sets, |A∩B| / min(|A|, |B|), in [0, 1]: how much of the shorter text
     * the longer one contains. "停水了" and "我家停水了三天了，什么时候能来水" share little by {@link #dice} (0.18) but
     * all of the short one; used only where the topics already agree.
     */
    public double overlap(String a, String b) {
        Set<Integer> x = bigrams(a);
        Set<Integer> y = bigrams(b);
        if (x.isEmpty() || y.isEmpty()) {
            return 0;
        }
        Set<Integer> small = x.size() <= y.size() ? x : y;
        Set<Integer> large = small == x ? y : x;
        int common = 0;
        for (Integer g : small) {
            if (large.contains(g)) {
                common++;
            }
        }
        return (double) common / small.size();
    }

    Set<Integer> bigrams(String text) {
        String s = normalizer.normalize(text);
        Set<Integer> out = new HashSet<>();
        if (s.length() == 1) {
            out.add((int) s.charAt(0));
        }
        for (int i = 0; i + 1 < s.length(); i++) {
            out.add(s.charAt(i) << 16 | s.charAt(i + 1));
        }
        return out;
    }
}
