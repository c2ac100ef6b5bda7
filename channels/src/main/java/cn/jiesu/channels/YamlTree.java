package cn.jiesu.channels;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads YAML into plain maps and lists (SafeConstructor: no arbitrary types) and gives typed access that names
 * the offending path in its errors, e.g. {@code rules[3].urgency: unknown value 'URGENT'}.
 */
public final class YamlTree {
    private YamlTree() {
    }

    /** Parses a YAML document whose root is a mapping. */
    public static Map<String, Object> parse(String yaml, String source) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        Object root;
        try {
            root = new Yaml(new SafeConstructor(options)).load(yaml);
        } catch (YAMLException e) {
            throw new IllegalArgumentException(source + ": not valid YAML: " + e.getMessage(), e);
        }
        return map(root, source);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object node, String path) {
        if (node instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new IllegalArgumentException(path + ": expected a mapping");
    }

    public static List<?> list(Object node, String path) {
        if (node instanceof List<?> l) {
            return l;
        }
        throw new IllegalArgumentException(path + ": expected a list");
    }

    /** A scalar as a string (numbers and booleans are accepted and printed), or null when absent. */
    public static String string(Map<String, Object> map, String key, String path) {
        Object v = map.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Map || v instanceof List) {
            throw new IllegalArgumentException(path + "." + key + ": expected a scalar");
        }
        return v.toString();
    }

    public static String required(Map<String, Object> map, String key, String path) {
        String v = string(map, key, path);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(path + "." + key + ": required");
        }
        return v;
    }

    public static int integer(Map<String, Object> map, String key, String path, int fallback) {
        Object v = map.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Integer i) {
            return i;
        }
        throw new IllegalArgumentException(path + "." + key + ": expected an integer, was '" + v + "'");
    }

    public static double number(Map<String, Object> map, String key, String path, double fallback) {
        Object v = map.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException(path + "." + key + ": expected a number, was '" + v + "'");
    }

    public static boolean bool(Map<String, Object> map, String key, String path, boolean fallback) {
        Object v = map.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException(path + "." + key + ": expected true or false, was '" + v + "'");
    }

    public static <E extends Enum<E>> E enumValue(Map<String, Object> map, String key, String path, Class<E> type) {
        String v = string(map, key, path);
        if (v == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, v.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + "." + key + ": unknown value '" + v + "'", e);
        }
    }
}
