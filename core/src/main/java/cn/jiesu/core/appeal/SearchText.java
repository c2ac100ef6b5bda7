package cn.jiesu.core.appeal;

import cn.jiesu.core.intake.Intake;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The form in which appeal text is searched: NFKC (full-width ＡＢＣ１２３ and half-width forms fold to their
 * ordinary characters), lower case, runs of white space as one space. The stored search text and the query's terms
 * go through the same folding, so a plain substring test on them is a case- and width-insensitive match.
 */
public final class SearchText {
    /** At most this many terms in one query: they are ANDed, and each costs a scan of the text. */
    public static final int MAX_TERMS = 8;

    private SearchText() {}

    public static String fold(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        return Normalizer.normalize(s, Normalizer.Form.NFKC)
                .toLowerCase(Locale.ROOT)
                .strip()
                .replaceAll("\\s+", " ");
    }

    /** The searchable text of an appeal: its title and content, folded, at most {@code maxChars} characters. */
    public static String of(Intake intake, int maxChars) {
        String title = fold(intake.title());
        String content = fold(intake.content());
        String text = title.isEmpty() ? content : content.isEmpty() ? title : title + "\n" + content;
        if (text.length() <= maxChars) {
            return text;
        }
        int end = maxChars;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--; // never cut a character in two: the stored text stays valid UTF-8
        }
        return text.substring(0, end);
    }

    /** The terms of a query string: folded, split on white space; empty when there are none. */
    public static List<String> terms(String query) {
        List<String> out = new ArrayList<>();
        for (String t : fold(query).split(" ")) {
            if (!t.isEmpty() && !out.contains(t)) {
                out.add(t);
            }
        }
        return List.copyOf(out);
    }

    /** Whether every term occurs in the appeal's title or content. */
    public static boolean matches(Intake intake, List<String> terms) {
        String text = of(intake, Integer.MAX_VALUE);
        return terms.stream().allMatch(text::contains);
    }
}
