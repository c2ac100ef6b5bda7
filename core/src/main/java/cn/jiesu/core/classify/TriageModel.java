package cn.jiesu.core.classify;

import cn.jiesu.core.intake.RequestType;
import cn.jiesu.core.intake.Urgency;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The statistical half of triage: two softmax regressions (urgency tier, request type) over character n-grams of
 * the folded text plus the names of the keyword rules that matched, so the model learns how far to trust each
 * rule in context (a 煤气味 rule hit after 没有 is weak evidence). Trained from the corpus at start and on every
 * reload; immutable and thread-safe afterwards.
 */
public final class TriageModel {
    /** 2^18 hashed features: collisions cost nothing measurable at this corpus size, memory is 10 MB. */
    private static final int BITS = 18;
    /** A fixed shuffle: the same corpus always trains the same model. */
    private static final long SEED = 12345L;

    private final NgramFeatures features;
    private final BitSet keep;
    private final boolean foldDigits;
    private final TriageCues cues;
    private final SoftmaxRegression urgency;
    private final SoftmaxRegression type;
    private final int trainedOn;
    private final Set<String> seenRules;

    private TriageModel(
            NgramFeatures features,
            BitSet keep,
            boolean foldDigits,
            TriageCues cues,
            SoftmaxRegression urgency,
            SoftmaxRegression type,
            int trainedOn,
            Set<String> seenRules) {
        this.features = features;
        this.keep = keep;
        this.foldDigits = foldDigits;
        this.cues = cues;
        this.urgency = urgency;
        this.type = type;
        this.trainedOn = trainedOn;
        this.seenRules = Set.copyOf(seenRules);
    }

    /** What the model says of one text: a probability per tier and per type, in enum order. */
    public record Prediction(double[] urgency, double[] requestType) {
        public double of(Urgency u) {
            return urgency[u.ordinal()];
        }

        public double of(RequestType t) {
            return requestType[t.ordinal()];
        }

        public Urgency likeliestUrgency() {
            return Urgency.values()[argmax(urgency)];
        }

        public RequestType likeliestType() {
            return RequestType.values()[argmax(requestType)];
        }

        /** The likeliest type other than {@code excluded}. */
        public RequestType likeliestTypeBut(RequestType excluded) {
            double[] rest = requestType.clone();
            rest[excluded.ordinal()] = Double.NEGATIVE_INFINITY;
            return RequestType.values()[argmax(rest)];
        }

        private static int argmax(double[] p) {
            int best = 0;
            for (int i = 1; i < p.length; i++) {
                best = p[i] > p[best] ? i : best;
            }
            return best;
        }
    }

    /**
     * How the model is trained; {@link #DEFAULT} was chosen on the corpus's dev split.
     *
     * @param minDocs    a feature seen in fewer corpus texts is left out (an address or a name in one appeal is
     *                   not evidence of a tier)
     * @param foldDigits the model reads every digit as 0: 3号楼 and 6号楼 are the same evidence
     */
    public record Training(int epochs, double learningRate, double l2, int minDocs, boolean foldDigits) {
        public static final Training DEFAULT = new Training(10, 0.4, 1e-6, 1, true);
    }

    public static TriageModel train(
            List<TriageExample> corpus, KeywordClassifier rules, TriageCues cues, TextNormalizer normalizer) {
        return train(corpus, rules, cues, normalizer, Training.DEFAULT);
    }

    /**
     * Trains on {@code corpus}; {@code rules} supplies the rule-hit features and must be the rule set used when
     * classifying. Rows of rarer classes weigh more, so a corpus with few emergencies still learns them.
     */
    public static TriageModel train(
            List<TriageExample> corpus,
            KeywordClassifier rules,
            TriageCues cues,
            TextNormalizer normalizer,
            Training training) {
        if (corpus.isEmpty()) {
            throw new IllegalArgumentException("corpus: no labelled appeals to train on");
        }
        NgramFeatures features = new NgramFeatures(BITS, 3);
        Map<Urgency, Integer> tiers = new EnumMap<>(Urgency.class);
        Map<RequestType, Integer> types = new EnumMap<>(RequestType.class);
        corpus.forEach(e -> {
            tiers.merge(e.urgency(), 1, Integer::sum);
            types.merge(e.requestType(), 1, Integer::sum);
        });
        Set<String> seen = new HashSet<>();
        List<String> inputs = new ArrayList<>();
        List<List<String>> named = new ArrayList<>();
        int[] docs = new int[features.dimension()];
        for (TriageExample e : corpus) {
            Classification byRules = rules.classify(e.text());
            seen.addAll(byRules.matchedRuleIds());
            String folded = normalizer.normalize(e.text());
            inputs.add(training.foldDigits() ? digitsAsZero(folded) : folded);
            named.add(tokens(cues, e.text(), folded, byRules));
            for (int f : features.vector(inputs.getLast(), named.getLast()).index()) {
                docs[f]++;
            }
        }
        BitSet keep = new BitSet(features.dimension());
        for (int f = 0; f < docs.length; f++) {
            keep.set(f, docs[f] >= training.minDocs());
        }
        List<SoftmaxRegression.Row> u = new ArrayList<>();
        List<SoftmaxRegression.Row> t = new ArrayList<>();
        for (int i = 0; i < corpus.size(); i++) {
            TriageExample e = corpus.get(i);
            SparseVector x = features.vector(inputs.get(i), named.get(i), keep);
            u.add(new SoftmaxRegression.Row(
                    x, e.urgency().ordinal(), balance(corpus.size(), tiers.size(), tiers.get(e.urgency()))));
            t.add(new SoftmaxRegression.Row(
                    x, e.requestType().ordinal(), balance(corpus.size(), types.size(), types.get(e.requestType()))));
        }
        SoftmaxRegression.Settings s =
                new SoftmaxRegression.Settings(training.epochs(), training.learningRate(), training.l2(), SEED);
        return new TriageModel(
                features,
                keep,
                training.foldDigits(),
                cues,
                SoftmaxRegression.train(u, Urgency.values().length, features.dimension(), s),
                SoftmaxRegression.train(t, RequestType.values().length, features.dimension(), s),
                corpus.size(),
                seen);
    }

    private static String digitsAsZero(String folded) {
        return folded.replaceAll("[0-9]", "0");
    }

    /** Square root of the inverse class frequency: rare classes count more, without drowning the common ones. */
    private static double balance(int rows, int classes, int ofClass) {
        return Math.sqrt((double) rows / (classes * (double) ofClass));
    }

    /** Whether folded text holds a word of the cue {@code group} ({@code thanks}, {@code negation}, …). */
    public boolean cued(String folded, String group) {
        return cues.has(folded, group);
    }

    public int trainedOn() {
        return trainedOn;
    }

    /**
     * Whether rule {@code id} matched any corpus text: the model can only weigh a rule it has seen fire. A rule an
     * operator added since is not the model's to doubt.
     */
    public boolean knows(String ruleId) {
        return seenRules.contains(ruleId);
    }

    /** Predicts from the text, the same text folded by the normalizer, and what the rules made of it. */
    public Prediction predict(String text, String folded, Classification byRules) {
        SparseVector x =
                features.vector(foldDigits ? digitsAsZero(folded) : folded, tokens(cues, text, folded, byRules), keep);
        double[] pu = new double[urgency.classes()];
        double[] pt = new double[type.classes()];
        urgency.probabilities(x, pu);
        type.probabilities(x, pt);
        return new Prediction(pu, pt);
    }

    /**
     * Named features beside the n-grams: the rules that matched, and what folding throws away but a reader uses:
     * a question mark (asking, not reporting), an exclamation mark, the length (long histories are often complex),
     * and whether the text is mostly Latin letters (English has its own n-grams and few of them).
     */
    private static List<String> tokens(TriageCues cues, String text, String folded, Classification byRules) {
        List<String> out = new ArrayList<>();
        for (String id : byRules.matchedRuleIds()) {
            out.add("rule:" + id);
        }
        List<String> verdicts = byRules.urgencyBasis() == Classification.Basis.KEYWORD
                ? List.of("rules-" + byRules.urgency().name().toLowerCase(java.util.Locale.ROOT))
                : List.of();
        out.addAll(cues.tokens(folded, verdicts));
        if (text.indexOf('?') >= 0 || text.indexOf('？') >= 0) {
            out.add("cue:question");
        }
        if (text.indexOf('!') >= 0 || text.indexOf('！') >= 0) {
            out.add("cue:exclaim");
        }
        int n = folded.length();
        out.add(n < 20 ? "len:short" : n < 60 ? "len:medium" : n < 150 ? "len:long" : "len:very-long");
        long latin =
                folded.chars().filter(c -> c < 128 && Character.isLetter(c)).count();
        if (latin * 2 > n) {
            out.add("cue:latin");
        }
        return out;
    }
}
