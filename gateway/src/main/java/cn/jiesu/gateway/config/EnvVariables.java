package cn.jiesu.gateway.config;

import cn.jiesu.core.config.ConfigException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Refuses {@code JIESU_*} environment variables that override no key, as an unknown key in the YAML is refused: a
 * misspelt variable is otherwise silently ignored (docker-compose.yml set {@code JIESU_AGI_HOST}, no key, so FastAGI
 * listened on the container's loopback and every call was answered and hung up). A variable is known when it is the
 * {@link ConfigLoader#envName} of a value in the merged tree (defaults + the operator's file, so a client the file
 * names has its {@code JIESU_CHANNELS_APP_CLIENTS_<NAME>_SECRET}), or when it is one of {@link #NOT_KEYS}.
 */
public final class EnvVariables {
    /**
     * Variables that are not gateway keys but legitimately sit in the gateway's environment, because the scripts
     * and the compose kit share one environment (or one {@code .env}) between the gateway, Redis and Asterisk.
     */
    static final Set<String> NOT_KEYS = Set.of(
            "JIESU_CONFIG", // the operator's file, read before the keys (--config FILE)
            // Asterisk's side (scripts/asterisk-lab.sh, docker/asterisk): its SIP port, agents' SIP secret, how the
            // dialplan dials a citizen, which hosts may log in to AMI, the gateways its hagi:// tries in turn.
            "JIESU_SIP_PORT",
            "JIESU_AGENT_SIP_SECRET",
            "JIESU_CITIZEN_DIAL_PREFIX",
            "JIESU_CITIZEN_DIAL_SUFFIX",
            "JIESU_AMI_PERMIT",
            "JIESU_AGI_HOSTS",
            // Redis's side: the compose kit's requirepass (the gateway takes it inside JIESU_REDIS_URI), the
            // scripts' local Redis password and maxmemory.
            "JIESU_REDIS_PASSWORD",
            "JIESU_LOCAL_REDIS_PASSWORD",
            "JIESU_REDIS_MAXMEMORY",
            "JIESU_SKIP_ASTERISK", // scripts/test.sh: run without the Asterisk lab
            "JIESU_PROMTOOL_DIR"); // scripts/lib/promtool.sh: where promtool is unpacked

    /** Prefixes of the test suite's and the Asterisk lab's variables (scripts/test.sh, scripts/asterisk-lab.sh). */
    static final List<String> NOT_KEY_PREFIXES = List.of("JIESU_TEST_", "JIESU_LAB_");

    /**
     * Mistakes whose nearest spelling is the wrong key: {@code AGI_HOST} is one letter from {@code AMI_HOST} and two
     * from {@code AGI_PORT}, but the operator meant where FastAGI listens.
     */
    private static final Map<String, String> MEANT = Map.of(
            "JIESU_AGI_HOST", "JIESU_AGI_BIND_ADDRESS",
            "JIESU_AGI_ADDRESS", "JIESU_AGI_BIND_ADDRESS",
            "JIESU_HTTP_BIND_ADDRESS", "JIESU_HTTP_HOST",
            "JIESU_REDIS_URL", "JIESU_REDIS_URI",
            "JIESU_AMI_PASSWORD", "JIESU_AMI_SECRET",
            "JIESU_AMI_USER", "JIESU_AMI_USERNAME");

    /** Sections whose children the operator names, with what the variable needs: the child in the file. */
    private static final Map<String, String> OPEN_SECTIONS = Map.of(
            "JIESU_CHANNELS_APP_CLIENTS_", "channels.app.clients",
            "JIESU_CHANNELS_OPEN311_CLIENTS_", "channels.open311.clients",
            "JIESU_CONSOLE_AGENTS_", "console.agents");

    private EnvVariables() {}

    /**
     * One problem per unknown variable, in name order, each naming the variable; empty when all are known.
     *
     * @param tree the merged YAML tree (defaults and the operator's file)
     */
    public static List<ConfigException> unknown(Map<String, Object> tree, Map<String, String> env) {
        Map<String, String> keys = new LinkedHashMap<>();
        collect(tree, "", keys);
        List<ConfigException> out = new ArrayList<>();
        for (String name : new TreeSet<>(env.keySet())) {
            if (name.startsWith("JIESU_") && !keys.containsKey(name) && !notAKey(name)) {
                out.add(new ConfigException(name, problem(name, keys)));
            }
        }
        return out;
    }

    /** Throws the first of {@link #unknown}. */
    static void check(Map<String, Object> tree, Map<String, String> env) {
        List<ConfigException> problems = unknown(tree, env);
        if (!problems.isEmpty()) {
            throw problems.get(0);
        }
    }

    static boolean notAKey(String name) {
        return NOT_KEYS.contains(name) || NOT_KEY_PREFIXES.stream().anyMatch(name::startsWith);
    }

    private static String problem(String name, Map<String, String> keys) {
        String guess =
                name.substring("JIESU_".length()).toLowerCase(Locale.ROOT).replace('_', '.');
        String text = "unknown variable: no config key " + guess;
        for (Map.Entry<String, String> open : OPEN_SECTIONS.entrySet()) {
            if (name.startsWith(open.getKey())) {
                return text + "; give the entry and this field in your config file first (" + open.getValue()
                        + ".<name>.<field>, e.g. secret: \"\"), then the variable overrides it";
            }
        }
        String meant = MEANT.containsKey(name) ? MEANT.get(name) : nearest(name, keys.keySet());
        return meant == null
                ? text + " (config/jiesu.yaml lists every key)"
                : text + "; did you mean " + meant + " (" + keys.get(meant) + ")?";
    }

    /** The known variable a typo away (at most a third of the name's length, at most 4 edits), or null. */
    private static String nearest(String name, Set<String> known) {
        return Spelling.closest(name, known, Math.min(4, Math.max(1, (name.length() - "JIESU_".length()) / 3)) + 1);
    }

    /** Variable name → dotted key of every value (not mapping) in {@code node}. */
    private static void collect(Map<?, ?> node, String prefix, Map<String, String> out) {
        node.forEach((k, v) -> {
            String key = prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k;
            if (v instanceof Map<?, ?> child) {
                collect(child, key, out);
            } else {
                out.put(ConfigLoader.envName(key), key);
            }
        });
    }
}
