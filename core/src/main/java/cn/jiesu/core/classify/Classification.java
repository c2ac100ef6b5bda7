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
 * @param topics topics of the matched rules, for telling a citizen's appeals apart when merging
 */
public record Classification(RequestType requestType, Basis requestTypeBasis, Urgency urgency, Basis urgencyBasis,
                             List<String> matchedRuleIds, Set<String> topics) {

    /** Where a value came from. */
    public enum Basis {
        /** The citizen chose it. */
        EXPLICIT,
        /** A keyword rule matched. */
        KEYWORD,
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
    }
}
