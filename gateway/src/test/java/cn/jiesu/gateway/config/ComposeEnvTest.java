package cn.jiesu.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Every JIESU_* variable the compose kit hands the gateway is a config key: docker-compose.yml once gave it
 * JIESU_AGI_HOST, no key, so FastAGI listened on the container's loopback and every call was hung up.
 */
@DisplayName("docker-compose.yml and gateway.env.example give the gateway only config keys")
class ComposeEnvTest {
    @Test
    @DisplayName("the gateway service's environment: each name is JIESU_ + a key of config/jiesu.yaml")
    void gatewayEnvironment() throws IOException {
        Map<String, Object> compose = yaml(repo().resolve("docker-compose.yml"));
        Map<?, ?> gateway = (Map<?, ?>) ((Map<?, ?>) compose.get("services")).get("gateway");
        Set<String> names = new TreeSet<>();
        ((Map<?, ?>) gateway.get("environment")).keySet().forEach(k -> names.add(String.valueOf(k)));
        assertThat(names).contains("JIESU_AGI_BIND_ADDRESS", "JIESU_REDIS_URI", "JIESU_AMI_SECRET");
        assertThat(names)
                .allSatisfy(n -> assertThat(keys()).as(n + " is a config key").contains(n));
    }

    @Test
    @DisplayName("gateway.env.example: each variable it offers is a config key (app client secrets need the client)")
    void gatewayEnvExample() throws IOException {
        Matcher m = Pattern.compile("(?m)^#?(JIESU_[A-Z0-9_]+)=")
                .matcher(Files.readString(repo().resolve("gateway.env.example")));
        List<String> names = new ArrayList<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        assertThat(names).contains("JIESU_METRICS_TOKEN", "JIESU_CHANNELS_WEB_CSRF_SECRET");
        names.stream()
                .filter(n -> !n.startsWith("JIESU_CHANNELS_APP_CLIENTS_")) // a client the operator's file declares
                .forEach(n -> assertThat(keys()).as(n + " is a config key").contains(n));
    }

    /** The variable of every value of config/jiesu.yaml. */
    private static Set<String> keys() {
        try {
            Set<String> out = new TreeSet<>();
            collect(yaml(repo().resolve("config/jiesu.yaml")), "", out);
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void collect(Map<?, ?> node, String prefix, Set<String> out) {
        node.forEach((k, v) -> {
            String key = prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k;
            if (v instanceof Map<?, ?> child && !child.isEmpty()) {
                collect(child, key, out);
            } else {
                out.add(ConfigLoader.envName(key));
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file)) {
            return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
        }
    }

    private static Path repo() {
        return Files.exists(Path.of("..", "docker-compose.yml")) ? Path.of("..") : Path.of(".");
    }
}
