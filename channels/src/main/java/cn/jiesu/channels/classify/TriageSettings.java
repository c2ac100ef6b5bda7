package cn.jiesu.channels.classify;

import cn.jiesu.channels.YamlTree;
import cn.jiesu.core.classify.TriagePolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code triage:} section of {@code config/classification.yaml}: which corpus files train the model (relative to
 * the rules file) and the policy thresholds. Absent: keyword rules alone, without a model.
 */
record TriageSettings(List<Path> corpus, TriagePolicy policy, Map<String, List<String>> cues) {

    /** The section of {@code root}, or null when the rules file has none. */
    static TriageSettings of(Map<String, Object> root, Path rulesFile, boolean emergencyOverridesExplicit) {
        if (root.get("triage") == null) {
            return null;
        }
        String path = "triage";
        Map<String, Object> t = YamlTree.map(root.get("triage"), path);
        List<?> files = YamlTree.list(t.get("corpus") == null ? List.of() : t.get("corpus"), path + ".corpus");
        if (files.isEmpty()) {
            throw new IllegalArgumentException(path + ".corpus: at least one labelled corpus file required");
        }
        Path dir = rulesFile.toAbsolutePath().getParent();
        List<Path> corpus = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            if (files.get(i) == null || files.get(i) instanceof Map || files.get(i) instanceof List) {
                throw new IllegalArgumentException(path + ".corpus[" + i + "]: expected a file name");
            }
            corpus.add(dir.resolve(files.get(i).toString()));
        }
        Map<String, List<String>> cues = new java.util.TreeMap<>();
        if (t.get("cues") != null) {
            YamlTree.map(t.get("cues"), path + ".cues").forEach((name, words) -> {
                List<String> list = new ArrayList<>();
                List<?> raw = YamlTree.list(words, path + ".cues." + name);
                for (int i = 0; i < raw.size(); i++) {
                    Object w = raw.get(i);
                    if (w == null || w instanceof Map || w instanceof List || w.toString().isBlank()) {
                        throw new IllegalArgumentException(path + ".cues." + name + "[" + i + "]: expected a word");
                    }
                    list.add(w.toString());
                }
                cues.put(name, List.copyOf(list));
            });
        }
        TriagePolicy d = TriagePolicy.DEFAULT;
        try {
            return new TriageSettings(List.copyOf(corpus), new TriagePolicy(
                    YamlTree.number(t, "emergency-review", path, d.emergencyReview()),
                    YamlTree.number(t, "rule-floor", path, d.ruleFloor()),
                    YamlTree.number(t, "emergency-sure", path, d.emergencySure()),
                    YamlTree.number(t, "review-below", path, d.reviewBelow()),
                    YamlTree.number(t, "type-rule-floor", path, d.typeRuleFloor()),
                    emergencyOverridesExplicit), cues);
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith(path) ? e : new IllegalArgumentException(path + ": " + e.getMessage(), e);
        }
    }
}
