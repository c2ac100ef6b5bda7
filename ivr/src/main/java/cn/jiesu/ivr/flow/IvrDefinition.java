package cn.jiesu.ivr.flow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The whole IVR as configured in {@code config/ivr.yaml}: flows (one per FastAGI script) and the nodes they run
 * through. Immutable and validated: every {@code next} names a node, every enum value exists.
 *
 * @param promptPrefix directory of our prompts under Asterisk's sounds/LANG ({@code jiesu/})
 */
public record IvrDefinition(String promptPrefix, Map<String, Flow> flows, Map<String, Node> nodes) {
    public IvrDefinition {
        flows = Map.copyOf(flows);
        nodes = Map.copyOf(nodes);
    }

    /** Reads and validates an ivr.yaml; throws {@link IvrConfigException} naming every bad key. */
    public static IvrDefinition load(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read IVR definition " + file, e);
        }
    }

    /** Parses YAML text; {@code source} names it in error messages. */
    public static IvrDefinition parse(String yaml, String source) {
        return new IvrDefinitionParser(source).parse(yaml);
    }

    public Flow flow(String name) {
        Flow flow = flows.get(name);
        if (flow == null) {
            throw new IllegalArgumentException("no IVR flow '" + name + "' (have " + flows.keySet() + ")");
        }
        return flow;
    }

    public Node node(String name) {
        Node node = nodes.get(name);
        if (node == null) {
            throw new IllegalStateException("no IVR node '" + name + "'"); // the parser rules this out
        }
        return node;
    }

    /**
     * The words for the caller's menu choices as the call tracker records them ({@code PATH:KEY}, e.g.
     * {@code menu:1}): each labelled option of a menu with a {@code path}. Menus sharing a path key (two
     * {@code callback} confirmations) share the first label found in node-name order.
     */
    public Map<String, String> choiceLabels() {
        Map<String, String> labels = new TreeMap<>();
        new TreeMap<>(nodes).values().forEach(node -> {
            if (node instanceof Node.Menu m && m.pathKey() != null) {
                m.options().forEach((key, choice) -> {
                    if (choice.label() != null) {
                        labels.putIfAbsent(m.pathKey() + ":" + key, choice.label());
                    }
                });
            }
        });
        return Map.copyOf(labels);
    }
}
