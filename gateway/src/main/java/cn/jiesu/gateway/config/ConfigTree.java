package cn.jiesu.gateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Typed, key-named access to the merged configuration: the YAML tree with environment overrides applied.
 *
 * <p>Every key in the defaults file can be overridden by an environment variable whose name is derived
 * mechanically: {@code JIESU_} + the dotted key upper-cased with dots and dashes turned into underscores
 * ({@code redis.command-timeout} → {@code JIESU_REDIS_COMMAND_TIMEOUT}). Getters throw {@link ConfigException}
 * naming the key, so start-up fails with one line that says what to fix.
 */
public final class ConfigTree {
    private final Map<String, Object> flat; // dotted key → scalar (String/Number/Boolean) or List

    private ConfigTree(Map<String, Object> flat) {
        this.flat = flat;
    }

    /** Flattens {@code yaml} and applies overrides from {@code env} to keys the YAML declares. */
    public static ConfigTree of(Map<String, Object> yaml, Map<String, String> env) {
        Map<String, Object> flat = new TreeMap<>();
        flatten("", yaml, flat);
        for (String key : List.copyOf(flat.keySet())) {
            String value = env.get(envName(key));
            if (value != null) {
                flat.put(key, value);
            }
        }
        return new ConfigTree(flat);
    }

    /** The environment variable that overrides {@code key}. */
    public static String envName(String key) {
        return "JIESU_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> node, Map<String, Object> out) {
        for (Map.Entry<String, Object> e : node.entrySet()) {
            String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            if (e.getValue() instanceof Map<?, ?> child) {
                flatten(key, (Map<String, Object>) child, out);
            } else {
                out.put(key, e.getValue());
            }
        }
    }

    public boolean has(String key) {
        return flat.get(key) != null;
    }

    public String string(String key) {
        Object v = flat.get(key);
        if (v == null) {
            throw new ConfigException(key, "missing");
        }
        return v.toString().trim();
    }

    /** A string that may be empty or absent (returns null then). */
    public String optionalString(String key) {
        Object v = flat.get(key);
        if (v == null || v.toString().isBlank()) {
            return null;
        }
        return v.toString().trim();
    }

    public int integer(String key, int min, int max) {
        String s = string(key);
        try {
            int v = Integer.parseInt(s);
            if (v < min || v > max) {
                throw new ConfigException(key, "must be between " + min + " and " + max + ", was " + v);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "not a whole number: '" + s + "'");
        }
    }

    public boolean bool(String key) {
        String s = string(key).toLowerCase(Locale.ROOT);
        return switch (s) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new ConfigException(key, "not true/false: '" + s + "'");
        };
    }

    /** Durations are written with a unit: {@code 500ms}, {@code 2s}, {@code 10m}, {@code 24h}, {@code 7d}. */
    public Duration duration(String key) {
        Duration d = durationOrZero(key);
        if (d.isZero()) {
            throw new ConfigException(key, "must be positive, was " + string(key));
        }
        return d;
    }

    /** A duration where zero means "off" or "forever" (the key's comment says which). */
    public Duration durationOrZero(String key) {
        String s = string(key);
        Duration d = parseDuration(s);
        if (d == null) {
            throw new ConfigException(key, "not a duration (use 500ms, 2s, 10m, 24h or 7d): '" + s + "'");
        }
        if (d.isNegative()) {
            throw new ConfigException(key, "must not be negative, was " + s);
        }
        return d;
    }

    static Duration parseDuration(String s) {
        int i = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        if (i == 0 || i == s.length()) {
            return null;
        }
        long n;
        try {
            n = Long.parseLong(s.substring(0, i));
        } catch (NumberFormatException e) {
            return null;
        }
        return switch (s.substring(i).trim()) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> null;
        };
    }

    public URI uri(String key) {
        String s = string(key);
        try {
            URI uri = new URI(s);
            if (uri.getScheme() == null) {
                throw new ConfigException(key, "not an absolute URI: '" + s + "'");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new ConfigException(key, "not a URI: " + e.getReason());
        }
    }

    /** The sub-keys directly below {@code prefix} (e.g. client names under {@code channels.app.clients}). */
    public List<String> children(String prefix) {
        List<String> out = new ArrayList<>();
        String p = prefix + ".";
        for (String key : flat.keySet()) {
            if (key.startsWith(p)) {
                String rest = key.substring(p.length());
                String child = rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest;
                if (!out.contains(child)) {
                    out.add(child);
                }
            }
        }
        return out;
    }

    /** A list value (YAML sequence, or a comma-separated string from the environment). */
    public List<String> list(String key) {
        Object v = flat.get(key);
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> l) {
            return l.stream().map(Object::toString).toList();
        }
        String s = v.toString().trim();
        return s.isEmpty() ? List.of() : List.of(s.split("\\s*,\\s*"));
    }

    /** For diagnostics: every key and whether it is set, never the values (they may be secrets). */
    public Map<String, Boolean> keys() {
        Map<String, Boolean> out = new LinkedHashMap<>();
        flat.forEach((k, v) -> out.put(k, v != null));
        return out;
    }
}
