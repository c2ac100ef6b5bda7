package cn.jiesu.ivr.flow;

import cn.jiesu.core.config.ConfigException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The names ivr.yaml refers to before they may be declared: nodes (in {@code next}, {@code start}, ...) and slots
 * (in {@code $slot} prompts and {@code ${slot}} values). Checked once the whole file has been read.
 */
final class References {
    /** Slots every call has, usable as {@code ${name}} in {@code set} values and {@code $name} prompts. */
    static final Set<String> BUILTIN_SLOTS = Set.of("caller-id", "linkedid", "uniqueid", "channel");

    private final Map<String, String> nodes = new LinkedHashMap<>();
    private final Map<String, String> slots = new LinkedHashMap<>();

    /** The value of dotted {@code key} names a node. */
    void node(String key, String node) {
        if (node != null) {
            nodes.put(key, node);
        }
    }

    /** The value of dotted {@code key} names a slot. */
    void slot(String key, String slot) {
        if (slot != null) {
            slots.put(key, slot);
        }
    }

    /**
     * Adds a problem for every reference to an undeclared node and every slot that no read-digits node fills.
     */
    void check(Set<String> declaredNodes, Map<String, Node> nodesByName, List<ConfigException> problems) {
        nodes.forEach((key, node) -> {
            if (!declaredNodes.contains(node)) {
                problems.add(new ConfigException(key, "unknown node '" + node + "'"));
            }
        });
        Set<String> known = new HashSet<>(BUILTIN_SLOTS);
        nodesByName.values().forEach(n -> {
            if (n instanceof Node.ReadDigits r && r.into() != null) {
                known.add(r.into());
            }
        });
        slots.forEach((key, slot) -> {
            if (!known.contains(slot) && !slot.startsWith("param.")) {
                problems.add(new ConfigException(
                        key,
                        "unknown slot '" + slot + "' (read-digits 'into' names, " + "param.NAME, "
                                + String.join(", ", new TreeSet<>(BUILTIN_SLOTS)) + ")"));
            }
        });
    }
}
