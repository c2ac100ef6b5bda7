package cn.jiesu.gateway.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Builds the {@link ConfigTree}: the defaults shipped in the jar (a copy of config/jiesu.yaml), then the operator's
 * file if one is given ({@code --config FILE} or {@code JIESU_CONFIG}), then the environment.
 */
public final class ConfigLoader {
    static final String DEFAULTS_RESOURCE = "jiesu.yaml";

    private ConfigLoader() {
    }

    public static ConfigTree load(Path operatorFile, Map<String, String> env) {
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
        return ConfigTree.of(tree, env);
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
            Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            if (doc == null) {
                return new LinkedHashMap<>();
            }
            if (!(doc instanceof Map<?, ?>)) {
                throw new ConfigException("config", source + " is not a YAML mapping");
            }
            return new LinkedHashMap<>((Map<String, Object>) doc);
        } catch (YAMLException e) {
            throw new ConfigException("config", source + " is not valid YAML: " + e.getMessage().lines().findFirst()
                    .orElse(""));
        }
    }

    /** Overlays {@code overlay} on {@code base}; a key unknown to the defaults is an error (likely a typo). */
    @SuppressWarnings("unchecked")
    static void deepMerge(Map<String, Object> base, Map<String, Object> overlay, String prefix) {
        for (Map.Entry<String, Object> e : overlay.entrySet()) {
            String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            Object existing = base.get(e.getKey());
            if (!base.containsKey(e.getKey()) && !isOpenSection(prefix)) {
                throw new ConfigException(key, "unknown key (not in config/jiesu.yaml)");
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
        return prefix.endsWith(".clients") || prefix.endsWith(".agents") || prefix.endsWith(".services")
                || prefix.endsWith(".accounts");
    }
}
