package cn.jiesu.core.classify;

import cn.jiesu.core.classify.Classification.Basis;
import cn.jiesu.core.intake.RequestType;
import cn.jiesu.core.intake.Urgency;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Classifies appeal text with one {@link AhoCorasick} pass over the normalized text, for every phrase and every
 * proximity term of every rule at once; proximity rules are then decided from the term hits of that same pass.
 * Immutable and thread-safe; build a new one to change the rules.
 *
 * <p>Per dimension the matching rule with the highest priority wins; for urgency a tie goes to the more severe
 * tier (missing an emergency is the costly error), for request type to the phrase that occurs first.
 */
public final class KeywordClassifier implements Classifier {
    /** Folded characters classified per text: appeal content is at most 4000 characters anyway. */
    static final int MAX_TEXT = 20_000;

    /** What an automaton pattern stands for: a rule's phrase ({@code group < 0}) or a term of one near group. */
    private record Term(KeywordRule rule, int group) {}

    private record Hit(int start, int end, Term term) {}

    private final ClassificationRules rules;
    private final int maxMask;
    private final TextNormalizer normalizer;
    private final AhoCorasick<Term> automaton;

    public KeywordClassifier(ClassificationRules rules, TextNormalizer normalizer) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.normalizer = Objects.requireNonNull(normalizer, "normalizer");
        AhoCorasick.Builder<Term> builder = AhoCorasick.builder();
        int longestMask = 0;
        for (KeywordRule rule : rules.rules()) {
            for (String phrase : rule.phrases()) {
                String folded = fold(rule, phrase);
                builder.add(folded, new Term(rule, -1));
                longestMask = rule.mask() ? Math.max(longestMask, folded.length()) : longestMask;
            }
            for (int g = 0; g < rule.near().size(); g++) {
                for (String term : rule.near().get(g)) {
                    builder.add(fold(rule, term), new Term(rule, g));
                }
            }
        }
        this.automaton = builder.build();
        this.maxMask = longestMask;
    }

    private String fold(KeywordRule rule, String phrase) {
        String folded = normalizer.normalize(phrase);
        if (folded.isEmpty()) {
            throw new IllegalArgumentException(
                    "rule " + rule.id() + ": phrase '" + phrase + "' is empty once punctuation and spaces are removed");
        }
        return folded;
    }

    public ClassificationRules rules() {
        return rules;
    }

    @Override
    public Classification classify(String text, ExplicitChoice explicit) {
        ExplicitChoice choice = explicit == null ? ExplicitChoice.NONE : explicit;
        String folded = normalizer.normalize(text);
        List<Hit> hits = new ArrayList<>();
        automaton.scan(
                folded.length() > MAX_TEXT ? folded.substring(0, MAX_TEXT) : folded,
                (start, end, term) -> hits.add(new Hit(start, end, term)));
        int[] maskStart = maskStarts(hits, folded.length());
        Best best = new Best();
        Map<KeywordRule, int[]> latestStart = new IdentityHashMap<>();
        for (Hit h : hits) { // in order of end position
            KeywordRule rule = h.term().rule();
            if (!rule.mask() && hidden(h, maskStart)) {
                continue; // inside a longer phrase that means something else (打不着火 is not 着火)
            }
            if (h.term().group() < 0) {
                best.offer(h.start(), rule);
                continue;
            }
            // Proximity: with hits arriving by end position, the tightest span ending here uses, for every
            // group, the hit with the latest start seen so far.
            int[] latest =
                    latestStart.computeIfAbsent(rule, r -> filled(r.near().size()));
            latest[h.term().group()] = Math.max(latest[h.term().group()], h.start());
            int spanStart = Integer.MAX_VALUE;
            for (int s : latest) {
                spanStart = Math.min(spanStart, s);
            }
            if (spanStart >= 0 && h.end() - spanStart <= rule.window()) {
                best.offer(spanStart, rule);
            }
        }
        return decide(choice, best);
    }

    private Classification decide(ExplicitChoice choice, Best best) {
        RequestType type = rules.defaultRequestType();
        Basis typeBasis = Basis.DEFAULT;
        if (choice.requestType() != null) {
            type = choice.requestType();
            typeBasis = Basis.EXPLICIT;
        } else if (best.type != null) {
            type = best.type.requestType();
            typeBasis = Basis.KEYWORD;
        }
        Urgency urgency = rules.defaultUrgency();
        Basis urgencyBasis = Basis.DEFAULT;
        Urgency keyword = best.urgency == null ? null : best.urgency.urgency();
        boolean emergencyWins = rules.emergencyOverridesExplicit() && keyword == Urgency.EMERGENCY;
        if (choice.urgency() != null && !emergencyWins) {
            urgency = choice.urgency();
            urgencyBasis = Basis.EXPLICIT;
        } else if (keyword != null) {
            urgency = keyword;
            urgencyBasis = Basis.KEYWORD;
        }
        return new Classification(type, typeBasis, urgency, urgencyBasis, List.copyOf(best.matched), best.topics);
    }

    /** For each end position, the earliest start of a mask match ending there, or -1. */
    private int[] maskStarts(List<Hit> hits, int length) {
        int[] starts = null;
        for (Hit h : hits) {
            if (h.term().rule().mask()) {
                if (starts == null) {
                    starts = new int[length + 1];
                    Arrays.fill(starts, -1);
                }
                int s = starts[h.end()];
                starts[h.end()] = s < 0 ? h.start() : Math.min(s, h.start());
            }
        }
        return starts;
    }

    /** Whether a strictly longer mask match contains {@code h}; masks are at most {@link #maxMask} long. */
    private boolean hidden(Hit h, int[] maskStart) {
        if (maskStart == null) {
            return false;
        }
        int last = Math.min(maskStart.length - 1, h.start() + maxMask);
        for (int e = h.end(); e <= last; e++) {
            int s = maskStart[e];
            if (s >= 0 && s <= h.start() && !(e == h.end() && s == h.start())) {
                return true;
            }
        }
        return false;
    }

    private static int[] filled(int n) {
        int[] a = new int[n];
        Arrays.fill(a, -1);
        return a;
    }

    /** Severity order for ties: EMERGENCY > IMMEDIATE > COMPLEX > NORMAL. */
    static int severity(Urgency u) {
        return switch (u) {
            case EMERGENCY -> 3;
            case IMMEDIATE -> 2;
            case COMPLEX -> 1;
            case NORMAL -> 0;
        };
    }

    /** Running winners of one scan; confined to the scanning thread. */
    private static final class Best {
        KeywordRule type;
        int typeStart;
        KeywordRule urgency;
        final Set<String> matched = new LinkedHashSet<>();
        final Set<String> topics = new LinkedHashSet<>();

        void offer(int start, KeywordRule rule) {
            if (rule.mask() && rule.requestType() == null && rule.urgency() == null && rule.topic() == null) {
                return;
            }
            matched.add(rule.id());
            if (rule.topic() != null) {
                topics.add(rule.topic());
            }
            if (rule.requestType() != null
                    && (type == null
                            || rule.priority() > type.priority()
                            || rule.priority() == type.priority() && start < typeStart)) {
                type = rule;
                typeStart = start;
            }
            if (rule.urgency() != null
                    && (urgency == null
                            || rule.priority() > urgency.priority()
                            || rule.priority() == urgency.priority()
                                    && severity(rule.urgency()) > severity(urgency.urgency()))) {
                urgency = rule;
            }
        }
    }
}
