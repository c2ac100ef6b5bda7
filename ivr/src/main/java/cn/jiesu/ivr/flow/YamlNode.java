package cn.jiesu.ivr.flow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A mapping in the parsed YAML tree that knows its dotted key, so that every problem is reported as
 * {@code ivr.nodes.main.timeout: ...}. Getters record a problem and return a fallback instead of throwing, so that
 * one run reports every bad key.
 */
final class YamlNode {
    private final String path;
    private final Map<String, Object> values;
    private final List<String> problems;

    YamlNode(String path, Map<?, ?> raw, List<String> problems) {
        this.path = path;
        this.problems = problems;
        this.values = new LinkedHashMap<>();
        // Unquoted YAML keys like 1 arrive as Integer: options are keyed by their text.
        raw.forEach((k, v) -> values.put(String.valueOf(k), v));
    }

    String path() {
        return path;
    }

    String key(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    void problem(String name, String message) {
        problems.add(key(name) + ": " + message);
    }

    Set<String> keys() {
        return values.keySet();
    }

    boolean has(String name) {
        return values.get(name) != null;
    }

    /** Reports every key not in {@code allowed}: a typo must not silently fall back to a default. */
    void allowOnly(Set<String> allowed) {
        for (String k : values.keySet()) {
            if (!allowed.contains(k)) {
                problem(k, "unknown key (known: " + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
        }
    }

    String string(String name) {
        Object v = values.get(name);
        if (v == null) {
            problem(name, "required");
            return null;
        }
        if (v instanceof Map || v instanceof List) {
            problem(name, "expected a single value");
            return null;
        }
        return v.toString().trim();
    }

    String string(String name, String fallback) {
        return has(name) ? string(name) : fallback;
    }

    int integer(String name, int min, int max, int fallback) {
        if (!has(name)) {
            return fallback;
        }
        String s = string(name);
        try {
            int v = Integer.parseInt(s);
            if (v < min || v > max) {
                problem(name, "must be between " + min + " and " + max + ", was " + v);
                return fallback;
            }
            return v;
        } catch (NumberFormatException e) {
            problem(name, "not a whole number: '" + s + "'");
            return fallback;
        }
    }

    boolean bool(String name, boolean fallback) {
        if (!has(name)) {
            return fallback;
        }
        return switch (string(name)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> {
                problem(name, "not true/false: '" + values.get(name) + "'");
                yield fallback;
            }
        };
    }

    /** Durations carry a unit: {@code 500ms}, {@code 5s}, {@code 2m}. {@code fallback} null means required. */
    Duration duration(String name, Duration fallback) {
        if (!has(name)) {
            if (fallback == null) {
                problem(name, "required");
            }
            return fallback;
        }
        String s = string(name);
        Duration d = parseDuration(s);
        if (d == null || d.isNegative() || d.isZero()) {
            problem(name, "not a positive duration (use 500ms, 5s or 2m): '" + s + "'");
            return fallback == null ? Duration.ofSeconds(1) : fallback;
        }
        return d;
    }

    static Duration parseDuration(String s) {
        int i = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        if (i == 0 || i > 9) {
            return null;
        }
        long n = Long.parseLong(s.substring(0, i));
        return switch (s.substring(i).trim()) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> null;
        };
    }

    /** A list of scalars; a single scalar counts as a list of one. Absent gives an empty list. */
    List<String> strings(String name) {
        Object v = values.get(name);
        if (v == null) {
            return List.of();
        }
        if (v instanceof Map) {
            problem(name, "expected a list");
            return List.of();
        }
        if (v instanceof List<?> list) {
            List<String> out = new ArrayList<>();
            for (Object o : list) {
                if (o == null || o instanceof Map || o instanceof List) {
                    problem(name, "expected a list of names");
                    return List.of();
                }
                out.add(o.toString().trim());
            }
            return out;
        }
        return List.of(v.toString().trim());
    }

    /** The mapping under {@code name}; null (and a problem when {@code required}) when absent or not a mapping. */
    YamlNode child(String name, boolean required) {
        Object v = values.get(name);
        if (v == null) {
            if (required) {
                problem(name, "required");
            }
            return null;
        }
        if (!(v instanceof Map<?, ?> map)) {
            problem(name, "expected a mapping");
            return null;
        }
        return new YamlNode(key(name), map, problems);
    }
}
