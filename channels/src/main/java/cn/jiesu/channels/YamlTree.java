package cn.jiesu.channels;

import cn.jiesu.core.config.ConfigException;
import cn.jiesu.core.config.ConfigNode;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Loads the channels' YAML files (classification rules, service catalog) into plain maps and lists
 * (SafeConstructor: no arbitrary types; no duplicate keys) and hands them to the core {@link ConfigNode}, whose
 * errors name the offending path, e.g. {@code rules[3](leak).urgency: unknown value 'URGENT' (known: ...)}.
 */
public final class YamlTree {
    private YamlTree() {}

    /** Parses a YAML document whose root is a mapping; {@code source} names the file in errors about the whole. */
    public static ConfigNode parse(String yaml, String source) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        Object root;
        try {
            root = new Yaml(new SafeConstructor(options)).load(yaml);
        } catch (YAMLException e) {
            throw new ConfigException(source, "not valid YAML: " + e.getMessage(), e);
        }
        return ConfigNode.root(root, source);
    }
}
