package cn.jiesu.core.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Groups of words that carry what the definitions say decides a tier, whatever the hazard: someone vulnerable
 * (老人, 孩子, 制氧机), something happening now (正在, 一直, 马上), a hazard sign (冒烟, 裂缝, 漏), and what undoes
 * an alarm (没有, 已经修好, 如果, 请问, 感谢). The model sees each group present and each PAIR of groups present:
 * "vulnerable and supply cut" or "negation and an emergency rule" are conjunctions a linear model cannot form from
 * n-grams alone. One automaton pass; immutable and thread-safe.
 */
public final class TriageCues {
    public static final TriageCues NONE = new TriageCues(Map.of(), TextNormalizer.standard());

    private final AhoCorasick<String> automaton;

    /** @param groups group name to its words (any language; folded like appeal text) */
    public TriageCues(Map<String, List<String>> groups, TextNormalizer normalizer) {
        AhoCorasick.Builder<String> b = AhoCorasick.builder();
        groups.forEach((name, words) -> words.forEach(w -> {
            String folded = normalizer.normalize(w);
            if (folded.isEmpty()) {
                throw new IllegalArgumentException("triage.cues." + name + ": '" + w + "' is empty once folded");
            }
            b.add(folded, name);
        }));
        this.automaton = b.build();
    }

    /** Whether folded text holds a word of {@code group}. */
    boolean has(String folded, String group) {
        boolean[] found = {false};
        automaton.scan(folded, (start, end, g) -> found[0] |= g.equals(group));
        return found[0];
    }

    /** The feature tokens of folded text plus the named groups already known (e.g. the rules' verdicts). */
    List<String> tokens(String folded, List<String> known) {
        TreeSet<String> present = new TreeSet<>(known);
        automaton.scan(folded, (start, end, group) -> present.add(group));
        List<String> out = new ArrayList<>();
        List<String> names = new ArrayList<>(present);
        for (int i = 0; i < names.size(); i++) {
            out.add("cue:" + names.get(i));
            for (int j = i + 1; j < names.size(); j++) {
                out.add("cue:" + names.get(i) + "+" + names.get(j));
            }
        }
        return out;
    }
}
