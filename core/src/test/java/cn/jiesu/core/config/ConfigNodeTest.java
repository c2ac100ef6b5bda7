package cn.jiesu.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ConfigNodeTest {
    private static final Map<String, Object> TREE = Map.of(
            "http", Map.of("port", 8080, "host", " 0.0.0.0 ", "timeout", "30s", "idle", "0s", "open", true),
            "ratio", "0.5",
            "tokens", "a, b",
            "words", List.of("x", "y"),
            "rules", List.of(Map.of("id", "leak", "window", "2h"), Map.of("id", "noise", "window", "soon")),
            "near", List.of(List.of("a", "b"), List.of("c")),
            "options", Map.of(1, Map.of("next", "main")));

    private final ConfigNode root = ConfigNode.root(TREE);

    @Test
    @DisplayName("one duration grammar: ms, s, m, h, d; a unit is required")
    void durationGrammar() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("2s")).isEqualTo(Duration.ofSeconds(2));
        assertThat(Durations.parse("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(Durations.parse(" 5 s ")).isEqualTo(Duration.ofSeconds(5));
        assertThat(Durations.parse("0s")).isEqualTo(Duration.ZERO);
        assertThat(Durations.parse("7")).isNull();
        assertThat(Durations.parse("d")).isNull();
        assertThat(Durations.parse("-1s")).isNull();
        assertThat(Durations.parse("1w")).isNull();
        assertThat(Durations.parse("2 hours")).isNull();
        assertThat(Durations.parse("99999999999999999999s")).isNull();
        assertThat(Durations.parse("999999999999999999d")).isNull();
    }

    @Test
    @DisplayName("typed getters read dotted keys; zero is allowed only where the getter says so")
    void typedGetters() {
        assertThat(root.integer("http.port", 1, 65535)).isEqualTo(8080);
        assertThat(root.string("http.host")).isEqualTo("0.0.0.0");
        assertThat(root.duration("http.timeout")).isEqualTo(Duration.ofSeconds(30));
        assertThat(root.durationOrZero("http.idle")).isEqualTo(Duration.ZERO);
        assertThat(root.duration("http.missing", Duration.ofMinutes(1))).isEqualTo(Duration.ofMinutes(1));
        assertThat(root.bool("http.open")).isTrue();
        assertThat(root.bool("http.missing", false)).isFalse();
        assertThat(root.decimal("ratio")).isEqualTo(0.5);
        assertThat(root.list("tokens")).containsExactly("a", "b");
        assertThat(root.list("words")).containsExactly("x", "y");
        assertThat(root.strings("words")).containsExactly("x", "y");
        assertThat(root.stringLists("near")).containsExactly(List.of("a", "b"), List.of("c"));
        assertThat(root.child("http").key("port")).isEqualTo("http.port");
        assertThat(root.child("options").child("1").string("next")).isEqualTo("main");
        assertThat(root.optionalString("http.missing")).isNull();
        assertThat(root.integer("http.missing", 1, 9, 4)).isEqualTo(4);
        assertThat(ConfigNode.root(Map.of("u", "redis://h:1")).uri("u")).isEqualTo(URI.create("redis://h:1"));
        assertThat(ConfigNode.root(Map.of("e", "time-unit")).enumValue("e", Kind.class))
                .isEqualTo(Kind.TIME_UNIT);
    }

    @Test
    @DisplayName("every error is one ConfigException whose message is 'full.dotted.key: problem'")
    void errorsNameTheFullKey() {
        assertThatThrownBy(() -> root.duration("http.idle"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("http.idle: must be positive, was 0s");
        assertThatThrownBy(() -> root.child("http").integer("port", 1, 100))
                .hasMessage("http.port: must be between 1 and 100, was 8080");
        assertThatThrownBy(() -> root.string("http.nope")).hasMessage("http.nope: required");
        assertThatThrownBy(() -> root.integer("http.host", 0, 1))
                .hasMessage("http.host: not a whole number: '0.0.0.0'");
        assertThatThrownBy(() -> root.bool("ratio")).hasMessage("ratio: not true/false: '0.5'");
        assertThatThrownBy(() -> root.decimal("http.host")).hasMessage("http.host: not a number: '0.0.0.0'");
        assertThatThrownBy(() -> root.string("http")).hasMessage("http: expected a single value");
        assertThatThrownBy(() -> root.child("ratio")).hasMessage("ratio: expected a mapping");
        assertThatThrownBy(() -> root.strings("tokens")).hasMessage("tokens: expected a list");
        List<ConfigNode> rules = root.nodes("rules");
        assertThat(rules.get(0).duration("window")).isEqualTo(Duration.ofHours(2));
        assertThatThrownBy(() -> rules.get(1).named("noise").duration("window"))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.key()).isEqualTo("rules[1](noise).window");
                    assertThat(e.problem()).isEqualTo("not a duration (use 500ms, 2s, 10m, 24h or 7d): 'soon'");
                })
                .hasMessage("rules[1](noise).window: not a duration (use 500ms, 2s, 10m, 24h or 7d): 'soon'");
        assertThatThrownBy(() -> ConfigNode.root(Map.of("e", "x")).enumValue("e", Kind.class))
                .hasMessage("e: unknown value 'x' (known: TIME_UNIT, OTHER)");
        assertThatThrownBy(() -> ConfigNode.root(List.of(), "f.yaml")).hasMessage("f.yaml: expected a mapping");
        Map<String, Object> blank = new LinkedHashMap<>();
        blank.put("l", java.util.Arrays.asList("a", " "));
        assertThatThrownBy(() -> ConfigNode.root(blank).strings("l")).hasMessage("l[1]: expected a non-empty value");
    }

    @Test
    @DisplayName("a collecting node records every problem and returns the fallback")
    void collectingReportsEveryProblem() {
        List<ConfigException> problems = new ArrayList<>();
        ConfigNode c = ConfigNode.collecting(TREE, problems);
        assertThat(c.duration("http.idle", Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.integer("http.port", 1, 10, 3)).isEqualTo(3);
        assertThat(c.string("http.none")).isNull();
        c.child("http").allowOnly(java.util.Set.of("port"));
        assertThat(problems)
                .extracting(ConfigException::getMessage)
                .contains(
                        "http.idle: must be positive, was 0s", "http.port: must be between 1 and 10, was 8080",
                        "http.none: required", "http.host: unknown key (known: port)");
    }

    enum Kind {
        TIME_UNIT,
        OTHER
    }
}
