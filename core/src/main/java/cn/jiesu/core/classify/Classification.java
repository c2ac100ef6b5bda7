package cn.jiesu.core.classify;

import cn.jiesu.core.intake.RequestType;
import cn.jiesu.core.intake.Urgency;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The outcome of classifying one appeal: the request type and urgency to record, why each was chosen, and
 * which rules matched.
 *
 * @param topics       topics of the matched rules, for telling a citizen's appeals apart when merging
 * @param confidence   how sure triage is of the urgency tier, 0..1 (the model's probability of the tier recorded;
 *                     1 for a tier the citizen chose, or for keyword rules alone, which measure nothing)
 * @param review       true when an agent must confirm the tier: a possible emergency the model and the rules
 *                     disagree on, or a tier the model is unsure of
 * @param reviewReason why review is asked, for the agent; null when {@code review} is false
 */
public record Classification(
        RequestType requestType,
        Basis requestTypeBasis,
        Urgency urgency,
        Basis urgencyBasis,
        List<String> matchedRuleIds,
        Set<String> topics,
        double confidence,
        boolean review,
        String reviewReason) {

    /** Where a value came from. */
    public enum Basis {
        /** The citizen chose it. */
        EXPLICIT,
        /** A keyword rule matched. */
        KEYWORD,
        /** The statistical model, trained from the labelled corpus. */
        MODEL,
        /** Nothing matched: the rule set's default. */
        DEFAULT
    }

    public Classification {
        Objects.requireNonNull(requestType, "requestType");
        Objects.requireNonNull(urgency, "urgency");
        Objects.requireNonNull(requestTypeBasis, "requestTypeBasis");
        Objects.requireNonNull(urgencyBasis, "urgencyBasis");
        matchedRuleIds = List.copyOf(matchedRuleIds);
        topics = Set.copyOf(topics);
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence: 0..1, was " + confidence);
        }
        if (review != (reviewReason != null)) {
            throw new IllegalArgumentException("reviewReason: given exactly when review is asked");
        }
    }

    /** A classification by rules or choice alone, which asks for no review. */
    public Classification(
            RequestType requestType,
            Basis requestTypeBasis,
            Urgency urgency,
            Basis urgencyBasis,
            List<String> matchedRuleIds,
            Set<String> topics) {
        this(requestType, requestTypeBasis, urgency, urgencyBasis, matchedRuleIds, topics, 1.0, false, null);
    }
}
