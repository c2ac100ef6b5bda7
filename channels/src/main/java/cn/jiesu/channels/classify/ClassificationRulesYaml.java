package cn.jiesu.channels.classify;

import cn.jiesu.channels.YamlTree;
import cn.jiesu.core.classify.ClassificationRules;
import cn.jiesu.core.classify.KeywordRule;
import cn.jiesu.core.config.ConfigNode;
import cn.jiesu.core.intake.RequestType;
import cn.jiesu.core.intake.Urgency;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code config/classification.yaml} into {@link ClassificationRules}; errors name the rule and field, e.g.
 * {@code rules[3](leak).urgency: unknown value 'URGENT' (known: ...)}.
 */
public final class ClassificationRulesYaml {
    private ClassificationRulesYaml() {}

    public static ClassificationRules parse(String yaml, String source) {
        return fromTree(YamlTree.parse(yaml, source));
    }

    /** The rules of an already parsed file. */
    static ClassificationRules fromTree(ConfigNode root) {
        int version = root.integer("version", Integer.MIN_VALUE, Integer.MAX_VALUE, 1);
        if (version != 1) {
            root.problem("version", "unsupported version " + version);
        }
        ConfigNode defaults = root.section("defaults");
        RequestType defaultType = defaults.enumValue("requestType", RequestType.class);
        Urgency defaultUrgency = defaults.enumValue("urgency", Urgency.class);
        boolean emergencyOverrides = root.bool("emergencyOverridesExplicit", true);

        List<KeywordRule> rules = new ArrayList<>();
        for (ConfigNode node : root.nodes("rules")) {
            String id = node.required("id");
            ConfigNode r = node.named(id);
            List<String> phrases = r.strings("phrases");
            List<List<String>> near = r.stringLists("near");
            rules.add(r.build(() -> new KeywordRule(
                    id,
                    phrases,
                    near,
                    r.integer("window", Integer.MIN_VALUE, Integer.MAX_VALUE, 0),
                    r.enumValue("requestType", RequestType.class),
                    r.enumValue("urgency", Urgency.class),
                    r.string("topic", null),
                    r.integer("priority", Integer.MIN_VALUE, Integer.MAX_VALUE, 50),
                    r.bool("mask", false))));
        }
        return new ClassificationRules(
                rules,
                defaultType == null ? RequestType.OTHER : defaultType,
                defaultUrgency == null ? Urgency.NORMAL : defaultUrgency,
                emergencyOverrides);
    }
}
