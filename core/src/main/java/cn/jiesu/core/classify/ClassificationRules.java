package cn.jiesu.core.classify;

import cn.jiesu.core.intake.RequestType;
import cn.jiesu.core.intake.Urgency;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A complete rule set, as loaded from {@code config/classification.yaml}.
 *
 * @param defaultRequestType         when neither the citizen nor a rule chose one
 * @param defaultUrgency             when neither the citizen nor a rule chose one
 * @param emergencyOverridesExplicit when true, a matched EMERGENCY rule raises an explicitly chosen lower urgency:
 *                                   a category picked from a list must not hide "燃气泄漏" in the text
 */
public record ClassificationRules(
        List<KeywordRule> rules,
        RequestType defaultRequestType,
        Urgency defaultUrgency,
        boolean emergencyOverridesExplicit) {
    public ClassificationRules {
        rules = List.copyOf(rules);
        Objects.requireNonNull(defaultRequestType, "defaultRequestType");
        Objects.requireNonNull(defaultUrgency, "defaultUrgency");
        Set<String> ids = new HashSet<>();
        for (KeywordRule r : rules) {
            if (!ids.add(r.id())) {
                throw new IllegalArgumentException("rule " + r.id() + ": duplicate id");
            }
        }
    }

    /** Every topic a rule names: the closed set hotspots and recurring problems are counted by. */
    public Set<String> topics() {
        Set<String> out = new java.util.TreeSet<>();
        for (KeywordRule r : rules) {
            if (r.topic() != null) {
                out.add(r.topic());
            }
        }
        return out;
    }
}
