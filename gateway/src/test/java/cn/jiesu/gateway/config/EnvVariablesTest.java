package cn.jiesu.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.jiesu.core.config.ConfigException;
import cn.jiesu.gateway.GatewayConfig;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

class EnvVariablesTest {

    @Test
    @DisplayName("JIESU_AGI_HOST stops start-up naming it, the key it is not and the variable meant")
    void agiHostIsRefusedWithTheKeyMeant() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("JIESU_AGI_HOST", "0.0.0.0")))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.key()).isEqualTo("JIESU_AGI_HOST");
                    assertThat(e.getMessage())
                            .isEqualTo("JIESU_AGI_HOST: unknown variable: no config key agi.host; did you mean "
                                    + "JIESU_AGI_BIND_ADDRESS (agi.bind-address)?");
                });
    }

    @Test
    @DisplayName("a misspelt variable gets the nearest key as a hint; a far one only the pointer to jiesu.yaml")
    void typosGetTheNearestKey() {
        assertThat(EnvVariables.unknown(ConfigLoader.merged(null), Map.of("JIESU_HTTP_PROT", "80")))
                .singleElement()
                .satisfies(e -> assertThat(e.problem()).endsWith("did you mean JIESU_HTTP_PORT (http.port)?"));
        assertThat(EnvVariables.unknown(ConfigLoader.merged(null), Map.of("JIESU_NOTHING_LIKE_ANY_KEY", "x")))
                .singleElement()
                .satisfies(e -> assertThat(e.problem())
                        .isEqualTo("unknown variable: no config key nothing.like.any.key "
                                + "(config/jiesu.yaml lists every key)"));
    }

    @Test
    @DisplayName("every unknown variable is reported, in name order; known ones and other programs' are not")
    void everyUnknownVariableIsListed() {
        List<ConfigException> problems = EnvVariables.unknown(
                ConfigLoader.merged(null),
                Map.of(
                        "JIESU_ZZZ", "1",
                        "JIESU_AAA", "1",
                        "JIESU_HTTP_PORT", "8080",
                        "PATH", "/usr/bin",
                        "HOSTNAME", "gw-1"));
        assertThat(problems).extracting(ConfigException::key).containsExactly("JIESU_AAA", "JIESU_ZZZ");
    }

    @Test
    @DisplayName("the test suite's, the lab's, Asterisk's and Redis's variables share the environment and pass")
    void variablesOfTheOtherServicesPass() {
        Map<String, String> env = Map.ofEntries(
                Map.entry("JIESU_CONFIG", "/etc/jiesu/jiesu.yaml"),
                Map.entry("JIESU_TEST_REDIS_URI", "redis://127.0.0.1:6379"),
                Map.entry("JIESU_TEST_AMI_PORT", "5038"),
                Map.entry("JIESU_LAB_DIR", "/tmp/lab"),
                Map.entry("JIESU_SIP_PORT", "5060"),
                Map.entry("JIESU_AGENT_SIP_SECRET", "s"),
                Map.entry("JIESU_CITIZEN_DIAL_PREFIX", "PJSIP/"),
                Map.entry("JIESU_CITIZEN_DIAL_SUFFIX", "@trunk"),
                Map.entry("JIESU_REDIS_PASSWORD", "p"),
                Map.entry("JIESU_SKIP_ASTERISK", "1"),
                // Keys of the gateway that scripts/test.sh also exports for the lab.
                Map.entry("JIESU_AMI_PORT", "5038"),
                Map.entry("JIESU_AGI_PORT", "4573"),
                Map.entry("JIESU_AMI_USERNAME", "jiesu-test"));
        assertThat(EnvVariables.unknown(ConfigLoader.merged(null), env)).isEmpty();
        assertThat(ConfigLoader.load(null, env).integer("agi.port", 0, 65535)).isEqualTo(4573);
    }

    @Test
    @DisplayName("a client's secret applies once the file names the client; before, the variable says so")
    void mapValuedKeysWorkOnceNamed(@TempDir Path dir) throws Exception {
        Map<String, String> env = Map.of("JIESU_CHANNELS_APP_CLIENTS_APP_IOS_SECRET", "s3cret-from-env-0001");
        assertThatThrownBy(() -> ConfigLoader.load(null, env))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.problem())
                                .contains("give the entry and this field in your config file first")
                                .contains("channels.app.clients.<name>.<field>"));

        Path file = dir.resolve("jiesu.yaml");
        Files.writeString(file, """
                channels:
                  app:
                    clients:
                      app-ios: {api-key: k-ios-000000001, secret: ""}
                """);
        assertThat(ConfigLoader.load(file, env).string("channels.app.clients.app-ios.secret"))
                .isEqualTo("s3cret-from-env-0001");
        assertThat(GatewayConfig.from(ConfigLoader.load(file, env)).channels()).isNotNull();
    }

    @Test
    @DisplayName("every variable docker-compose.yml gives the gateway service is a key or a shared name")
    void composeGivesTheGatewayOnlyKnownVariables() throws Exception {
        Path root = repositoryRoot();
        Map<String, Object> gateway = composeService(root.resolve("docker-compose.yml"), "gateway");
        List<String> names = new ArrayList<>(variables(gateway.get("environment")));
        // env_file entries: the shipped example stands for the operator's .env.
        for (String f : strings(gateway.get("env_file"))) {
            Path file = root.resolve(f);
            Path example = root.resolve(f + ".example");
            Path read = Files.isReadable(example) ? example : file;
            if (Files.isReadable(read)) {
                Files.readAllLines(read, StandardCharsets.UTF_8).stream()
                        .map(String::strip)
                        .filter(l -> !l.startsWith("#") && l.contains("="))
                        .map(l -> l.substring(0, l.indexOf('=')).replaceFirst("^export\\s+", ""))
                        .forEach(names::add);
            }
        }
        assertThat(names).as("variables of the gateway service").isNotEmpty();
        Map<String, String> env = new java.util.HashMap<>();
        names.forEach(n -> env.put(n, "x"));
        assertThat(EnvVariables.unknown(ConfigLoader.merged(null), env))
                .as("unknown JIESU_* variables docker-compose.yml passes to the gateway")
                .isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> composeService(Path compose, String name) throws Exception {
        try (Reader r = Files.newBufferedReader(compose, StandardCharsets.UTF_8)) {
            Map<String, Object> doc = new Yaml().load(r);
            Map<String, Object> services = (Map<String, Object>) doc.get("services");
            assertThat(services).as("services of " + compose).containsKey(name);
            return (Map<String, Object>) services.get(name);
        }
    }

    /** Names from a compose {@code environment}: a mapping, or a list of {@code NAME=value} / {@code NAME}. */
    private static List<String> variables(Object environment) {
        if (environment instanceof Map<?, ?> m) {
            return m.keySet().stream().map(String::valueOf).toList();
        }
        return strings(environment).stream().map(s -> s.split("=", 2)[0]).toList();
    }

    private static List<String> strings(Object o) {
        if (o == null) {
            return List.of();
        }
        if (o instanceof List<?> l) {
            return l.stream()
                    .map(e -> e instanceof Map<?, ?> m ? String.valueOf(m.get("path")) : String.valueOf(e))
                    .toList();
        }
        return List.of(String.valueOf(o));
    }

    private static Path repositoryRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isRegularFile(p.resolve("docker-compose.yml"))) {
            p = p.getParent();
        }
        assertThat(p)
                .as("a directory above the working directory holding docker-compose.yml")
                .isNotNull();
        return p;
    }
}
