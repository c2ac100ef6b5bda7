package cn.jiesu.core.classify;

/**
 * How triage turns the model's probabilities and the rules' hits into a tier, safety first: under-triage of a
 * danger to life is the worst error, so a possible emergency is raised and sent to an agent rather than left at a
 * lower tier. Thresholds were chosen on the corpus's dev split, never on its test split.
 *
 * @param emergencyReview            P(EMERGENCY) from which a lower tier is raised to EMERGENCY with review
 * @param ruleFloor                  P(EMERGENCY) from which an emergency rule's match raises the tier (with review);
 *                                   under it the model is sure the rule misfired (negated, past, a question), so the
 *                                   tier stays and an agent is still asked to confirm
 * @param emergencySure              P(EMERGENCY) under which a model EMERGENCY the rules do not share is reviewed
 * @param reviewBelow                the recorded tier's probability under which an agent confirms it
 * @param typeRuleFloor              the model's probability of the request type a keyword rule names (投诉, 举报, 请问
 *                                   …) from which the rule's type is taken over the model's likeliest one
 * @param emergencyOverridesExplicit a possible emergency raises a lower tier the citizen chose (a category picked
 *                                   from a list must not hide 燃气泄漏 in the text)
 */
public record TriagePolicy(
        double emergencyReview,
        double ruleFloor,
        double emergencySure,
        double reviewBelow,
        double typeRuleFloor,
        boolean emergencyOverridesExplicit) {
    public static final TriagePolicy DEFAULT = new TriagePolicy(0.15, 0.08, 0.8, 0.45, 0.1, true);

    public TriagePolicy {
        check("emergencyReview", emergencyReview);
        check("ruleFloor", ruleFloor);
        check("emergencySure", emergencySure);
        check("reviewBelow", reviewBelow);
        check("typeRuleFloor", typeRuleFloor);
        if (emergencySure < emergencyReview) {
            throw new IllegalArgumentException("emergencySure: must not be below emergencyReview");
        }
    }

    private static void check(String name, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(name + ": a probability 0..1, was " + v);
        }
    }
}
