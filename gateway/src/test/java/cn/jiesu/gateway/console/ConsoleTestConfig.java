package cn.jiesu.gateway.console;

import cn.jiesu.core.console.PasswordHasher;
import cn.jiesu.gateway.config.ConfigLoader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The console's YAML block (the same text as config/jiesu.yaml's {@code console:}) with test overrides. */
final class ConsoleTestConfig {
    /** A PBKDF2 hash of "secret-8001" at the minimum iteration count, so tests sign in fast. */
    static final String PASSWORD = "secret-8001";

    private ConsoleTestConfig() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml() {
        try (InputStream in = ConsoleTestConfig.class.getResourceAsStream("console.yaml")) {
            return new LinkedHashMap<>((Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions()))
                    .load(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The defaults with {@code env} overrides (JIESU_CONSOLE_...) and the given agents. */
    @SuppressWarnings("unchecked")
    static ConsoleConfig with(Map<String, String> env, Map<String, Object> agents) {
        Map<String, Object> tree = yaml();
        Map<String, Object> console = new LinkedHashMap<>((Map<String, Object>) tree.get("console"));
        console.put("agents", agents);
        tree.put("console", console);
        return ConsoleConfig.from(ConfigLoader.tree(tree, env));
    }

    /**
     * Sign-in settings for fast tests, unless {@code env} says otherwise: hashes are not upgraded past the
     * minimum iteration count, and the per-instance ration does not get in the way of tests that sign in often.
     */
    static Map<String, String> fast(Map<String, String> env) {
        Map<String, String> all = new LinkedHashMap<>(Map.of(
                "JIESU_CONSOLE_SIGN_IN_HASH_ITERATIONS", Integer.toString(PasswordHasher.MIN_ITERATIONS),
                "JIESU_CONSOLE_SIGN_IN_CHECKS_PER_SECOND", "1000",
                "JIESU_CONSOLE_SIGN_IN_WORKERS", "2",
                "JIESU_CONSOLE_SIGN_IN_QUEUE", "200"));
        all.putAll(env);
        return all;
    }

    /** Agents 8001, 8002 (agents) and 8100 (supervisor), each with password "secret-<ext>"; {@link #fast} sign-in. */
    static ConsoleConfig standard(Map<String, String> env) {
        return with(fast(env), standardAgents());
    }

    static Map<String, Object> standardAgents() {
        return Map.of(
                "8001", agent("王芳", "agent", "secret-8001"),
                "8002", agent("李强", "agent", "secret-8002"),
                "8100", agent("张主管", "supervisor", "secret-8100"));
    }

    static Map<String, Object> agent(String name, String role, String password) {
        return Map.of("name", name, "role", role, "password-hash", hash(password));
    }

    static String hash(String password) {
        return new PasswordHasher(new java.security.SecureRandom())
                .hash(password.toCharArray(), PasswordHasher.MIN_ITERATIONS);
    }
}
