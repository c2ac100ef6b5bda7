package cn.jiesu.channels.classify;

import cn.jiesu.core.classify.TriagePolicy;
import cn.jiesu.core.config.ConfigNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code triage:} section of {@code config/classification.yaml}: which corpus files train the model (relative to
 * the rules file) and the policy thresholds. Absent: keyword rules alone, without a model.
 */
record TriageSettings(List<Path> corpus, TriagePolicy policy, Map<String, List<String>> cues) {

    /** The section of {@code root}, or null when the rules file has none. */
    static TriageSettings of(ConfigNode root, Path rulesFile, boolean emergencyOverridesExplicit) {
        ConfigNode t = root.child("triage", false);
        if (t == null) {
            return null;
        }
        List<String> files = t.strings("corpus");
        if (files.isEmpty()) {
            t.problem("corpus", "at least one labelled corpus file required");
        }
        Path dir = rulesFile.toAbsolutePath().getParent();
        List<Path> corpus = files.stream().map(dir::resolve).toList();
        Map<String, List<String>> cues = new TreeMap<>();
        ConfigNode c = t.child("cues", false);
        if (c != null) {
            for (String name : c.keys()) {
                cues.put(name, List.copyOf(c.strings(name)));
            }
        }
        TriagePolicy d = TriagePolicy.DEFAULT;
        TriagePolicy policy = t.build(() -> new TriagePolicy(
                t.decimal("emergency-review", d.emergencyReview()),
                t.decimal("rule-floor", d.ruleFloor()),
                t.decimal("emergency-sure", d.emergencySure()),
                t.decimal("review-below", d.reviewBelow()),
                t.decimal("type-rule-floor", d.typeRuleFloor()),
                emergencyOverridesExplicit));
        return new TriageSettings(corpus, policy, cues);
    }
}
