package cn.jiesu.channels.classify;

import cn.jiesu.channels.YamlTree;
import cn.jiesu.core.classify.ClassificationRules;
import cn.jiesu.core.classify.KeywordRule;
import cn.jiesu.core.intake.RequestType;
import cn.jiesu.core.intake.Urgency;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads {@code config/classification.yaml} into {@link ClassificationRules}; errors name the rule and field. */
public final class ClassificationRulesYaml {
    private ClassificationRulesYaml() {
    }

    public static ClassificationRules parse(String yaml, String source) {
        return fromTree(YamlTree.parse(yaml, source), source);
    }

    /** The rules of an already parsed file. */
    static ClassificationRules fromTree(Map<String, Object> root, String source) {
        int version = YamlTree.integer(root, "version", source, 1);
        if (version != 1) {
            throw new IllegalArgumentException(source + ".version: unsupported version " + version);
        }
        Map<String, Object> defaults = root.get("defaults") == null ? Map.of()
                : YamlTree.map(root.get("defaults"), source + ".defaults");
        RequestType defaultType = YamlTree.enumValue(defaults, "requestType", "defaults", RequestType.class);
        Urgency defaultUrgency = YamlTree.enumValue(defaults, "urgency", "defaults", Urgency.class);
        boolean emergencyOverrides = YamlTree.bool(root, "emergencyOverridesExplicit", source, true);

        List<KeywordRule> rules = new ArrayList<>();
        List<?> nodes = root.get("rules") == null ? List.of() : YamlTree.list(root.get("rules"), "rules");
        for (int i = 0; i < nodes.size(); i++) {
            String path = "rules[" + i + "]";
            Map<String, Object> r = YamlTree.map(nodes.get(i), path);
            String id = YamlTree.required(r, "id", path);
            path = path + "(" + id + ")";
            List<String> phrases = r.get("phrases") == null ? List.of() : strings(r.get("phrases"), path + ".phrases");
            List<List<String>> near = new ArrayList<>();
            if (r.get("near") != null) {
                List<?> groups = YamlTree.list(r.get("near"), path + ".near");
                for (int g = 0; g < groups.size(); g++) {
                    near.add(strings(groups.get(g), path + ".near[" + g + "]"));
                }
            }
            try {
                rules.add(new KeywordRule(id, phrases, near, YamlTree.integer(r, "window", path, 0),
                        YamlTree.enumValue(r, "requestType", path, RequestType.class),
                        YamlTree.enumValue(r, "urgency", path, Urgency.class),
                        YamlTree.string(r, "topic", path),
                        YamlTree.integer(r, "priority", path, 50),
                        YamlTree.bool(r, "mask", path, false)));
            } catch (IllegalArgumentException e) {
                throw e.getMessage().startsWith(path) ? e
                        : new IllegalArgumentException(path + ": " + e.getMessage(), e);
            }
        }
        return new ClassificationRules(rules, defaultType == null ? RequestType.OTHER : defaultType,
                defaultUrgency == null ? Urgency.NORMAL : defaultUrgency, emergencyOverrides);
    }

    private static List<String> strings(Object node, String path) {
        List<?> raw = YamlTree.list(node, path);
        List<String> out = new ArrayList<>();
        for (int k = 0; k < raw.size(); k++) {
            Object p = raw.get(k);
            if (p == null || p instanceof Map || p instanceof List || p.toString().isBlank()) {
                throw new IllegalArgumentException(path + "[" + k + "]: expected a non-empty phrase");
            }
            out.add(p.toString());
        }
        return out;
    }
}
