package cn.jiesu.ivr.flow;

import cn.jiesu.core.config.ConfigException;
import cn.jiesu.core.config.ConfigNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/** Turns ivr.yaml into an {@link IvrDefinition}, reporting every problem by its dotted key. Single use. */
final class IvrDefinitionParser {
    private final String source;
    private final List<ConfigException> problems = new ArrayList<>();
    private final References refs = new References();
    private Duration defaultTimeout = Duration.ofSeconds(5);
    private int defaultRetries = 2;
    private Prompt defaultInvalid = Prompt.parse("invalid");

    IvrDefinitionParser(String source) {
        this.source = source;
    }

    IvrDefinition parse(String yaml) {
        Object root;
        try {
            // As for every config file: a key given twice is an error, aliases bounded.
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(20);
            root = new Yaml(new SafeConstructor(options)).load(yaml);
        } catch (YAMLException e) {
            throw new IvrConfigException(
                    source, List.of(new ConfigException("(yaml)", e.getMessage().replace('\n', ' '))));
        }
        if (!(root instanceof Map<?, ?> rootMap)) {
            throw new IvrConfigException(
                    source, List.of(new ConfigException("(root)", "expected a mapping with the key 'ivr'")));
        }
        ConfigNode ivr = ConfigNode.collecting(rootMap, problems).child("ivr", true);
        if (ivr == null) {
            throw new IvrConfigException(source, problems);
        }
        ivr.allowOnly(Set.of("prompt-prefix", "defaults", "flows", "nodes"));
        String prefix = ivr.string("prompt-prefix", "jiesu/");
        parseDefaults(ivr.child("defaults", false));

        NodeParser nodeParser = new NodeParser(refs, defaultTimeout, defaultRetries, defaultInvalid);
        Map<String, Node> nodes = new LinkedHashMap<>();
        ConfigNode nodesYaml = ivr.child("nodes", true);
        if (nodesYaml != null) {
            for (String name : nodesYaml.keys()) {
                ConfigNode n = nodesYaml.child(name, true);
                if (!NodeParser.NAME.matcher(name).matches()) {
                    nodesYaml.problem(name, "node names are lowercase letters, digits and '-'");
                }
                if (n != null) {
                    Node node = nodeParser.parse(name, n);
                    if (node != null) {
                        nodes.put(name, node);
                    }
                }
            }
        }
        Map<String, Flow> flows = parseFlows(ivr.child("flows", true));
        refs.check(nodesYaml == null ? Set.of() : nodesYaml.keys(), nodes, problems);
        if (!problems.isEmpty()) {
            throw new IvrConfigException(source, problems);
        }
        return new IvrDefinition(prefix, flows, nodes);
    }

    private void parseDefaults(ConfigNode d) {
        if (d == null) {
            return;
        }
        d.allowOnly(Set.of("timeout", "retries", "invalid-prompt"));
        defaultTimeout = d.duration("timeout", defaultTimeout);
        defaultRetries = d.integer("retries", 0, 9, defaultRetries);
        defaultInvalid = Prompt.parse(d.string("invalid-prompt", "invalid"));
    }

    private Map<String, Flow> parseFlows(ConfigNode f) {
        Map<String, Flow> flows = new LinkedHashMap<>();
        if (f == null) {
            return flows;
        }
        for (String name : f.keys()) {
            ConfigNode flow = f.child(name, true);
            if (flow == null) {
                continue;
            }
            flow.allowOnly(Set.of("start", "language"));
            String start = flow.string("start");
            refs.node(flow.key("start"), start);
            String language = NodeParser.language(flow, "language");
            if (start != null) {
                flows.put(name, new Flow(name, start, language));
            }
        }
        return flows;
    }
}
