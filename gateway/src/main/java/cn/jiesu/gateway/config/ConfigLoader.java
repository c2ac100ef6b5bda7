package cn.jiesu.gateway.config;

import cn.jiesu.core.config.ConfigException;
import cn.jiesu.core.config.ConfigNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Builds the {@link ConfigNode} of jiesu.yaml: the defaults shipped in the jar (a copy of config/jiesu.yaml), then
 * the operator's file if one is given ({@code --config FILE} or {@code JIESU_CONFIG}), then the environment.
 *
 * <p>Every key in the defaults file can be overridden by an environment variable whose name is derived
 * mechanically: {@code JIESU_} + the dotted key upper-cased with dots and dashes turned into underscores
 * ({@code redis.command-timeout} → {@code JIESU_REDIS_COMMAND_TIMEOUT}); a {@code JIESU_*} variable that overrides no
 * key is refused ({@link EnvVariables}), as an unknown key in the file is. Getters throw {@link ConfigException}
 * naming the key, so start-up fails with one line that says what to fix.
 */
public final class ConfigLoader {
    static final String DEFAULTS_RESOURCE = "jiesu.yaml";

    private ConfigLoader() {}

    public static ConfigNode load(Path operatorFile, Map<String, String> env) {
        Map<String, Object> tree = merged(operatorFile);
        EnvVariables.check(tree, env);
        return tree(tree, env);
    }

    /** The defaults with the operator's file (may be null) laid over them, before the environment. */
    public static Map<String, Object> merged(Path operatorFile) {
        Map<String, Object> tree = readDefaults();
        if (operatorFile != null) {
            if (!Files.isReadable(operatorFile)) {
                throw new ConfigException("config", "cannot read file " + operatorFile);
            }
            try (Reader r = Files.newBufferedReader(operatorFile, StandardCharsets.UTF_8)) {
                deepMerge(tree, parse(r, operatorFile.toString()), "");
            } catch (IOException e) {
                throw new ConfigException("config", "cannot read file " + operatorFile + ": " + e.getMessage());
            }
        }
        return tree;
    }

    /** The tree of {@code yaml} with overrides from {@code env} applied to the keys the YAML declares. */
    public static ConfigNode tree(Map<String, Object> yaml, Map<String, String> env) {
        return ConfigNode.root(withEnv(yaml, "", env));
    }

    /** The environment variable that overrides {@code key}. */
    public static String envName(String key) {
        return "JIESU_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** A copy of {@code node} where each value (not mapping) whose variable is set holds that variable's text. */
    private static Map<String, Object> withEnv(Map<?, ?> node, String prefix, Map<String, String> env) {
        Map<String, Object> out = new LinkedHashMap<>();
        node.forEach((k, v) -> {
            String key = prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k;
            if (v instanceof Map<?, ?> child) {
                out.put(String.valueOf(k), withEnv(child, key, env));
            } else {
                String value = env.get(envName(key));
                out.put(String.valueOf(k), value != null ? value : v);
            }
        });
        return out;
    }

    /** The operator's file from the command line ({@code --config FILE}) or {@code JIESU_CONFIG}; may be null. */
    public static Path operatorFile(String[] args, Map<String, String> env) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--config")) {
                return Path.of(args[i + 1]);
            }
        }
        String fromEnv = env.get("JIESU_CONFIG");
        return fromEnv == null || fromEnv.isBlank() ? null : Path.of(fromEnv);
    }

    private static Map<String, Object> readDefaults() {
        try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULTS_RESOURCE + " is missing from the classpath (broken build)");
            }
            return parse(new java.io.InputStreamReader(in, StandardCharsets.UTF_8), DEFAULTS_RESOURCE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DEFAULTS_RESOURCE, e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(Reader reader, String source) {
        try {
            // A key given twice is a mistake, not "the last one wins" (SnakeYAML's default); aliases are bounded
            // as in the other config files (channels' YamlTree).
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(20);
            Object doc = new Yaml(new SafeConstructor(options)).load(reader);
            if (doc == null) {
                return new LinkedHashMap<>();
            }
            if (!(doc instanceof Map<?, ?>)) {
                throw new ConfigException("config", source + " is not a YAML mapping");
            }
            return new LinkedHashMap<>((Map<String, Object>) doc);
        } catch (YAMLException e) {
            throw new ConfigException("config", source + " is not valid YAML: " + yamlProblem(e));
        }
    }

    /** Overlays {@code overlay} on {@code base}; a key unknown to the defaults is an error (likely a typo). */
    @SuppressWarnings("unchecked")
    static void deepMerge(Map<String, Object> base, Map<String, Object> overlay, String prefix) {
        for (Map.Entry<String, Object> e : overlay.entrySet()) {
            String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            Object existing = base.get(e.getKey());
            if (!base.containsKey(e.getKey()) && !isOpenSection(prefix)) {
                // The operator's file may be called config/jiesu.yaml too: name the shipped defaults unambiguously.
                String meant = Spelling.closest(String.valueOf(e.getKey()), base.keySet(), 3);
                throw new ConfigException(
                        key,
                        "unknown key (the shipped defaults have no such key"
                                + (meant == null
                                        ? "; config/jiesu.yaml in the source lists every key)"
                                        : "; did you mean " + (prefix.isEmpty() ? "" : prefix + ".") + meant + "?)"));
            }
            if (existing instanceof Map<?, ?> baseChild && e.getValue() instanceof Map<?, ?> overlayChild) {
                Map<String, Object> merged = new LinkedHashMap<>((Map<String, Object>) baseChild);
                deepMerge(merged, (Map<String, Object>) overlayChild, key);
                base.put(e.getKey(), merged);
            } else {
                base.put(e.getKey(), e.getValue());
            }
        }
    }

    /** Sections whose children are named by the operator (client lists, queues), so new names are allowed. */
    private static boolean isOpenSection(String prefix) {
        return prefix.endsWith(".clients")
                || prefix.endsWith(".agents")
                || prefix.endsWith(".services")
                || prefix.endsWith(".accounts");
    }

    /**
     * SnakeYAML's message without its source excerpts: "while constructing a mapping; found duplicate key port (line
     * 3)". The excerpt lines would repeat file content into the log.
     */
    private static String yamlProblem(YAMLException e) {
        String msg = e.getMessage() == null ? e.toString() : e.getMessage();
        java.util.List<String> parts = new java.util.ArrayList<>();
        String line = null;
        for (String l : msg.lines().toList()) {
            String t = l.strip();
            if (t.startsWith("in '")) {
                int at = t.indexOf("line ");
                line = at < 0 ? line : t.substring(at).replaceFirst(",.*", "");
            } else if (!l.startsWith(" ") && !t.isEmpty()) {
                parts.add(t);
            }
        }
        return String.join("; ", parts) + (line == null ? "" : " (" + line + ")");
    }
}
