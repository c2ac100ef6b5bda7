package cn.jiesu.core.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * One mapping of a parsed config file (plain maps, lists and scalars, as a YAML loader returns them) that knows its
 * full dotted key, with typed getters whose every error is a {@link ConfigException} naming that key:
 * {@code console.session-max: must be positive, was 0s}, {@code ivr.nodes.main.timeout: ...},
 * {@code rules[3](leak).urgency: ...}. Every file the gateway reads (jiesu.yaml, ivr.yaml, classification.yaml, the
 * service catalog) goes through this class, so they share one grammar: durations as {@link Durations} writes them,
 * booleans as true/false, yes/no, on/off or 1/0, numbers as their text.
 *
 * <p>A name may be dotted ({@code sign-in.free-attempts}): it is looked up as one key first, then through the
 * mappings it names. Getters with a fallback return it when the key is absent (or null in YAML); the others report
 * {@code required}.
 *
 * <p>Two modes. A node from {@link #root} throws at the first problem. A node from {@link #collecting} records each
 * problem in the given list and returns the fallback (null for a required value), so that one run reports every
 * bad key of a file; the caller throws when the list is not empty.
 */
public final class ConfigNode {
    private final String path;
    private final Map<String, Object> values;
    private final List<ConfigException> problems;

    private ConfigNode(String path, Map<?, ?> raw, List<ConfigException> problems) {
        this.path = path;
        this.problems = problems;
        Map<String, Object> copy = new LinkedHashMap<>();
        // Unquoted YAML keys like 1 arrive as Integer: keys are their text.
        raw.forEach((k, v) -> copy.put(String.valueOf(k), v));
        this.values = Collections.unmodifiableMap(copy);
    }

    /** The root of a parsed file; getters throw at the first problem. */
    public static ConfigNode root(Map<?, ?> map) {
        return new ConfigNode("", map, null);
    }

    /** The root of a parsed document that must be a mapping; {@code source} names it in the error otherwise. */
    public static ConfigNode root(Object document, String source) {
        if (!(document instanceof Map<?, ?> map)) {
            throw new ConfigException(source, "expected a mapping");
        }
        return root(map);
    }

    /** The root of a parsed file whose getters record each problem in {@code problems} instead of throwing. */
    public static ConfigNode collecting(Map<?, ?> map, List<ConfigException> problems) {
        return new ConfigNode("", map, problems);
    }

    /** This node's dotted key; empty for the root. */
    public String path() {
        return path;
    }

    /** The full dotted key of {@code name} below this node. */
    public String key(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /**
     * This node with {@code label} added to its key in messages, e.g. a list element named by its id:
     * {@code rules[3]} becomes {@code rules[3](leak)}.
     */
    public ConfigNode named(String label) {
        return new ConfigNode(path + "(" + label + ")", values, problems);
    }

    /** Reports {@code problem} of {@code name}: throws, or records it when collecting. */
    public void problem(String name, String problem) {
        fail(name, problem, null);
    }

    private <T> T fail(String name, String problem, T fallback) {
        ConfigException e = new ConfigException(key(name), problem);
        if (problems == null) {
            throw e;
        }
        problems.add(e);
        return fallback;
    }

    /** The keys of this mapping, in file order. */
    public Set<String> keys() {
        return values.keySet();
    }

    /** Whether {@code name} has a value (present and not null in YAML). */
    public boolean has(String name) {
        return lookup(name) != null;
    }

    /** Whether {@code name} is a list (a YAML sequence). */
    public boolean isList(String name) {
        return lookup(name) instanceof List<?>;
    }

    /** Reports every key not in {@code allowed}: a typo must not silently fall back to a default. */
    public void allowOnly(Set<String> allowed) {
        for (String k : values.keySet()) {
            if (!allowed.contains(k)) {
                problem(k, "unknown key (known: " + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
        }
    }

    private Object lookup(String name) {
        if (values.containsKey(name)) {
            return values.get(name);
        }
        for (int dot = name.indexOf('.'); dot > 0; dot = name.indexOf('.', dot + 1)) {
            if (values.get(name.substring(0, dot)) instanceof Map<?, ?> m) {
                return new ConfigNode(key(name.substring(0, dot)), m, problems).lookup(name.substring(dot + 1));
            }
        }
        return null;
    }

    /**
     * Builds a record from this node's values. A {@link ConfigException} passes as it is; any other
     * {@link IllegalArgumentException} (a record checking its own arguments without knowing the file) is reported
     * at this node's key, e.g. {@code rules[3](leak): sets neither requestType nor urgency}.
     */
    public <T> T build(Supplier<T> record) {
        try {
            return record.get();
        } catch (IllegalArgumentException e) {
            ConfigException keyed = e instanceof ConfigException known
                    ? known
                    : new ConfigException(path.isEmpty() ? "(root)" : path, e.getMessage(), e);
            if (problems == null) {
                throw keyed;
            }
            problems.add(keyed);
            return null;
        }
    }

    // ---- scalars ----

    /** A required scalar as trimmed text (may be empty); numbers and booleans are given as written. */
    public String string(String name) {
        Object v = lookup(name);
        if (v == null) {
            return fail(name, "required", null);
        }
        if (v instanceof Map || v instanceof List) {
            return fail(name, "expected a single value", null);
        }
        return v.toString().trim();
    }

    /** A scalar as trimmed text, or {@code fallback} when absent. */
    public String string(String name, String fallback) {
        return has(name) ? string(name) : fallback;
    }

    /** A scalar that must be present and not blank. */
    public String required(String name) {
        String s = string(name);
        if (s != null && s.isEmpty()) {
            return fail(name, "required", null);
        }
        return s;
    }

    /** A scalar that may be empty or absent: null then. */
    public String optionalString(String name) {
        String s = string(name, null);
        return s == null || s.isEmpty() ? null : s;
    }

    /** A required whole number in {@code [min, max]}. */
    public int integer(String name, int min, int max) {
        return (int) whole(name, min, max, min);
    }

    /** A whole number in {@code [min, max]}, or {@code fallback} when absent. */
    public int integer(String name, int min, int max, int fallback) {
        return has(name) ? (int) whole(name, min, max, fallback) : fallback;
    }

    /** A required whole number in {@code [min, max]}, as a long. */
    public long longValue(String name, long min, long max) {
        return whole(name, min, max, min);
    }

    private long whole(String name, long min, long max, long fallback) {
        String s = string(name);
        if (s == null) {
            return fallback;
        }
        long v;
        try {
            v = Long.parseLong(s);
        } catch (NumberFormatException e) {
            return fail(name, "not a whole number: '" + s + "'", fallback);
        }
        if (v < min || v > max) {
            return fail(name, "must be between " + min + " and " + max + ", was " + v, fallback);
        }
        return v;
    }

    /** A required finite number. */
    public double decimal(String name) {
        String s = string(name);
        if (s == null) {
            return 0;
        }
        try {
            double d = Double.parseDouble(s);
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        return fail(name, "not a number: '" + s + "'", 0.0);
    }

    /** A finite number, or {@code fallback} when absent. */
    public double decimal(String name, double fallback) {
        return has(name) ? decimal(name) : fallback;
    }

    /** A required true/false (also yes/no, on/off, 1/0). */
    public boolean bool(String name) {
        return parseBool(name, false);
    }

    /** A true/false, or {@code fallback} when absent. */
    public boolean bool(String name, boolean fallback) {
        return has(name) ? parseBool(name, fallback) : fallback;
    }

    private boolean parseBool(String name, boolean fallback) {
        String s = string(name);
        if (s == null) {
            return fallback;
        }
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> fail(name, "not true/false: '" + s + "'", fallback);
        };
    }

    /** A required positive duration ({@link Durations}): zero is an error. */
    public Duration duration(String name) {
        return duration(name, null);
    }

    /** A positive duration, or {@code fallback} when absent; a null fallback makes the key required. */
    public Duration duration(String name, Duration fallback) {
        if (!has(name) && fallback != null) {
            return fallback;
        }
        Duration d = durationOrZero(name);
        if (d != null && d.isZero()) {
            return fail(
                    name, "must be positive, was " + string(name), fallback == null ? Duration.ofSeconds(1) : fallback);
        }
        return d == null ? (fallback == null ? Duration.ofSeconds(1) : fallback) : d;
    }

    /** A required duration where zero is allowed (it means "off" or "forever"; the key's comment says which). */
    public Duration durationOrZero(String name) {
        String s = string(name);
        if (s == null) {
            return null;
        }
        Duration d = Durations.parse(s);
        if (d == null) {
            return fail(name, "not a duration (use " + Durations.GRAMMAR + "): '" + s + "'", null);
        }
        return d;
    }

    /** A required absolute URI. */
    public URI uri(String name) {
        String s = string(name);
        if (s == null) {
            return null;
        }
        try {
            URI uri = new URI(s);
            if (uri.getScheme() == null) {
                return fail(name, "not an absolute URI: '" + s + "'", null);
            }
            return uri;
        } catch (URISyntaxException e) {
            return fail(name, "not a URI: " + e.getReason(), null);
        }
    }

    /** An enum constant by its name (any case, '-' for '_'), or null when absent. */
    public <E extends Enum<E>> E enumValue(String name, Class<E> type) {
        String s = string(name, null);
        if (s == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, s.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            return fail(
                    name,
                    "unknown value '" + s + "' (known: "
                            + Arrays.stream(type.getEnumConstants())
                                    .map(Enum::name)
                                    .collect(Collectors.joining(", ")) + ")",
                    null);
        }
    }

    // ---- lists and mappings ----

    /**
     * A list of values: a YAML sequence, or a comma-separated string (as an environment override writes it).
     * Absent or empty gives an empty list.
     */
    public List<String> list(String name) {
        Object v = lookup(name);
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> l) {
            return l.stream().map(String::valueOf).toList();
        }
        if (v instanceof Map) {
            return fail(name, "expected a list", List.of());
        }
        String s = v.toString().trim();
        return s.isEmpty() ? List.of() : List.of(s.split("\\s*,\\s*"));
    }

    /** A YAML sequence of non-blank scalars ({@code name[i]} names a bad one); absent gives an empty list. */
    public List<String> strings(String name) {
        return scalars(lookup(name), name);
    }

    /** A YAML sequence of sequences of non-blank scalars; absent gives an empty list. */
    public List<List<String>> stringLists(String name) {
        List<?> outer = sequence(name);
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < outer.size(); i++) {
            out.add(scalars(outer.get(i) == null ? List.of() : outer.get(i), name + "[" + i + "]"));
        }
        return out;
    }

    private List<String> scalars(Object v, String name) {
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> l)) {
            return fail(name, "expected a list", List.of());
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < l.size(); i++) {
            Object o = l.get(i);
            if (o == null
                    || o instanceof Map
                    || o instanceof List
                    || o.toString().isBlank()) {
                fail(name + "[" + i + "]", "expected a non-empty value", null);
            } else {
                out.add(o.toString());
            }
        }
        return out;
    }

    private List<?> sequence(String name) {
        Object v = lookup(name);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> l)) {
            return fail(name, "expected a list", List.of());
        }
        return l;
    }

    /** The required mapping under {@code name}. */
    public ConfigNode child(String name) {
        return child(name, true);
    }

    /** The mapping under {@code name}; null (and {@code required} reported when asked) when absent. */
    public ConfigNode child(String name, boolean required) {
        Object v = lookup(name);
        if (v == null) {
            return required ? fail(name, "required", null) : null;
        }
        if (!(v instanceof Map<?, ?> map)) {
            return fail(name, "expected a mapping", null);
        }
        return new ConfigNode(key(name), map, problems);
    }

    /** The mapping under {@code name}, or an empty one when absent: for sections whose keys all have defaults. */
    public ConfigNode section(String name) {
        ConfigNode c = child(name, false);
        return c != null ? c : new ConfigNode(key(name), Map.of(), problems);
    }

    /** A YAML sequence of mappings, each keyed {@code name[i]}; absent gives an empty list. */
    public List<ConfigNode> nodes(String name) {
        List<?> l = sequence(name);
        List<ConfigNode> out = new ArrayList<>();
        for (int i = 0; i < l.size(); i++) {
            String key = name + "[" + i + "]";
            if (l.get(i) instanceof Map<?, ?> m) {
                out.add(new ConfigNode(key(key), m, problems));
            } else {
                fail(key, "expected a mapping", null);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "ConfigNode[" + (path.isEmpty() ? "(root)" : path) + ", keys=" + values.keySet() + "]";
    }
}
