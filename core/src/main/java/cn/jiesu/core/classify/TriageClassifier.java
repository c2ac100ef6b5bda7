package cn.jiesu.core.classify;

import cn.jiesu.core.classify.Classification.Basis;
import cn.jiesu.core.intake.RequestType;
import cn.jiesu.core.intake.Urgency;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Triage of one appeal: the keyword rules (safety phrases, topics) and the statistical model, combined by a
 * {@link TriagePolicy}. The citizen's explicit choice of request type wins; their choice of tier wins unless the
 * text may describe an emergency. Each result carries the model's confidence, and asks for an agent's review when
 * the rules and the model disagree on a possible emergency or the model is unsure. Immutable and thread-safe.
 */
public final class TriageClassifier implements Classifier {
    private final KeywordClassifier rules;
    private final TriageModel model;
    private final TriagePolicy policy;
    private final TextNormalizer normalizer;
    private final Set<String> emergencyRules;

    public TriageClassifier(
            KeywordClassifier rules, TriageModel model, TriagePolicy policy, TextNormalizer normalizer) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.model = Objects.requireNonNull(model, "model");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.normalizer = Objects.requireNonNull(normalizer, "normalizer");
        this.emergencyRules = rules.rules().rules().stream()
                .filter(r -> r.urgency() == Urgency.EMERGENCY)
                .map(KeywordRule::id)
                .collect(Collectors.toUnmodifiableSet());
    }

    public KeywordClassifier rules() {
        return rules;
    }

    public TriageModel model() {
        return model;
    }

    @Override
    public Classification classify(String text, ExplicitChoice explicit) {
        ExplicitChoice choice = explicit == null ? ExplicitChoice.NONE : explicit;
        String folded = normalizer.normalize(text);
        if (folded.isEmpty()) {
            return rules.classify(text, choice); // nothing to read: the citizen's choice or the defaults
        }
        Classification byRules = rules.classify(text, ExplicitChoice.NONE);
        TriageModel.Prediction p = model.predict(
                text,
                folded.length() > KeywordClassifier.MAX_TEXT ? folded.substring(0, KeywordClassifier.MAX_TEXT) : folded,
                byRules);

        RequestType type = p.likeliestType();
        Basis typeBasis = Basis.MODEL;
        if (type == RequestType.PRAISE && !model.cued(folded, "thanks")) {
            // Praise is said in words (感谢, 表扬, 点赞, 负责…). Found by a fresh citizen: "路灯不亮三天了" came out
            // 表扬 at 0.99, the model having seen many thanks for streetlights fixed. Without such a word, the next.
            type = p.likeliestTypeBut(RequestType.PRAISE);
        }
        if (choice.requestType() != null) {
            type = choice.requestType();
            typeBasis = Basis.EXPLICIT;
        } else if (byRules.requestTypeBasis() == Basis.KEYWORD
                && p.of(byRules.requestType()) >= policy.typeRuleFloor()) {
            type = byRules.requestType(); // the citizen named the speech act (投诉, 举报, 请问): believe them
            typeBasis = Basis.KEYWORD;
        }

        Tier tier = tier(p, byRules, choice);
        return new Classification(
                type,
                typeBasis,
                tier.urgency,
                tier.basis,
                byRules.matchedRuleIds(),
                byRules.topics(),
                tier.confidence,
                tier.reason != null,
                tier.reason);
    }

    private record Tier(Urgency urgency, Basis basis, double confidence, String reason) {}

    private Tier tier(TriageModel.Prediction p, Classification byRules, ExplicitChoice choice) {
        double pe = p.of(Urgency.EMERGENCY);
        boolean rule = byRules.urgencyBasis() == Basis.KEYWORD && byRules.urgency() == Urgency.EMERGENCY;
        Urgency modelTier = p.likeliestUrgency();
        // A rule the corpus never saw fire (added by an operator since) is not the model's to doubt.
        boolean unknownRule = rule
                && byRules.matchedRuleIds().stream().anyMatch(id -> emergencyRules.contains(id) && !model.knows(id));
        boolean possible = modelTier == Urgency.EMERGENCY
                || pe >= policy.emergencyReview()
                || rule && (pe >= policy.ruleFloor() || unknownRule);
        if (choice.urgency() != null) {
            if (choice.urgency() == Urgency.EMERGENCY || !policy.emergencyOverridesExplicit() || !possible) {
                return new Tier(choice.urgency(), Basis.EXPLICIT, 1.0, null);
            }
            boolean sure = modelTier == Urgency.EMERGENCY && (rule || pe >= policy.emergencySure());
            return new Tier(
                    Urgency.EMERGENCY,
                    rule ? Basis.KEYWORD : Basis.MODEL,
                    pe,
                    sure
                            ? null
                            : "possible emergency under the chosen "
                                    + choice.urgency().chinese() + " tier" + odds(pe, byRules));
        }
        if (modelTier == Urgency.EMERGENCY) {
            boolean sure = rule || pe >= policy.emergencySure();
            return new Tier(
                    Urgency.EMERGENCY, Basis.MODEL, pe, sure ? null : "emergency uncertain" + odds(pe, byRules));
        }
        if (possible) {
            return new Tier(
                    Urgency.EMERGENCY,
                    rule ? Basis.KEYWORD : Basis.MODEL,
                    pe,
                    (rule ? "an emergency rule matched, the model doubts it" : "possible emergency")
                            + odds(pe, byRules));
        }
        double confidence = p.of(modelTier);
        String reason = rule
                ? "an emergency rule matched, the model is sure it is not one" + odds(pe, byRules)
                : confidence < policy.reviewBelow()
                        ? String.format(Locale.ROOT, "unsure of the tier: %s p=%.2f", modelTier.name(), confidence)
                        : null;
        return new Tier(modelTier, Basis.MODEL, confidence, reason);
    }

    private static String odds(double pe, Classification byRules) {
        return String.format(
                Locale.ROOT,
                " (model p(EMERGENCY)=%.2f%s)",
                pe,
                byRules.matchedRuleIds().isEmpty() ? "" : ", rules " + String.join(",", byRules.matchedRuleIds()));
    }
}
