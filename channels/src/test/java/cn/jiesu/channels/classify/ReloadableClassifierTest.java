package cn.jiesu.channels.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.jiesu.channels.YamlTree;
import cn.jiesu.core.classify.TextNormalizer;
import cn.jiesu.core.config.ConfigException;
import cn.jiesu.core.intake.RequestType;
import cn.jiesu.core.intake.Urgency;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReloadableClassifierTest {
    private static final String V1 = """
            version: 1
            defaults: {requestType: HELP, urgency: NORMAL}
            rules:
              - {id: gas, urgency: EMERGENCY, priority: 100, phrases: [燃气泄漏]}
            """;
    private static final String V2 = """
            version: 1
            defaults: {requestType: HELP, urgency: NORMAL}
            rules:
              - {id: gas, urgency: EMERGENCY, priority: 100, phrases: [燃气泄漏]}
              - {id: water, urgency: IMMEDIATE, priority: 80, phrases: [停水]}
              - {id: near, urgency: EMERGENCY, priority: 100, near: [[煤气], [味]], window: 8}
              - {id: mask, mask: true, phrases: [停水通知]}
            """;

    @TempDir
    Path dir;

    @Test
    @DisplayName("reload swaps in the new rules without a restart")
    void reload() throws IOException {
        Path file = Files.writeString(dir.resolve("classification.yaml"), V1);
        ReloadableClassifier c = ReloadableClassifier.load(file, TextNormalizer.standard());
        assertThat(c.classify("停水了").urgency()).isEqualTo(Urgency.NORMAL);
        Files.writeString(file, V2);
        ReloadableClassifier.ReloadResult r = c.reload();
        assertThat(r.loaded()).isTrue();
        assertThat(r.ruleCount()).isEqualTo(4);
        assertThat(c.classify("停水了").urgency()).isEqualTo(Urgency.IMMEDIATE);
        assertThat(c.classify("看到停水通知了吗").urgency()).isEqualTo(Urgency.NORMAL);
        assertThat(c.classify("一股煤气的味道").urgency()).isEqualTo(Urgency.EMERGENCY);
    }

    @Test
    @DisplayName("reloadIfChanged reloads an edited file once, and reports a broken one once, not at every poll")
    void reloadIfChanged() throws IOException {
        Path file = Files.writeString(dir.resolve("classification.yaml"), V1);
        ReloadableClassifier c = ReloadableClassifier.load(file, TextNormalizer.standard());
        assertThat(c.reloadIfChanged()).isNull();
        Files.writeString(file, V2);
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 2_000));
        assertThat(c.reloadIfChanged().ruleCount()).isEqualTo(4);
        assertThat(c.classify("停水了").urgency()).isEqualTo(Urgency.IMMEDIATE);
        assertThat(c.reloadIfChanged()).isNull();

        Files.writeString(file, "rules: [ {id: x");
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 4_000));
        assertThat(c.reloadIfChanged().loaded()).isFalse();
        assertThat(c.reloadIfChanged()).isNull();
        assertThat(c.ruleCount()).isEqualTo(4);
    }

    @Test
    @DisplayName("a broken file leaves the previous rules in force and the error names the rule and field")
    void brokenReload() throws IOException {
        Path file = Files.writeString(dir.resolve("classification.yaml"), V1);
        ReloadableClassifier c = ReloadableClassifier.load(file, TextNormalizer.standard());
        Files.writeString(file, V1 + "  - {id: bad, urgency: URGENT, phrases: [x]}\n");
        ReloadableClassifier.ReloadResult r = c.reload();
        assertThat(r.loaded()).isFalse();
        assertThat(r.error()).contains("rules[1](bad).urgency").contains("URGENT");
        assertThat(c.classify("燃气泄漏").urgency()).isEqualTo(Urgency.EMERGENCY);
        Files.writeString(file, "rules: [ {id: x");
        assertThat(c.reload().error()).contains("not valid YAML");
        Files.delete(file);
        assertThat(c.reload().loaded()).isFalse();
        assertThat(c.ruleCount()).isEqualTo(1);
    }

    @Test
    @DisplayName("the loader refuses what cannot work, naming the place")
    void loaderErrors() {
        assertThatThrownBy(() -> ClassificationRulesYaml.parse("rules: [{urgency: EMERGENCY, phrases: [x]}]", "f"))
                .hasMessageContaining("rules[0].id: required");
        assertThatThrownBy(() -> ClassificationRulesYaml.parse("rules: [{id: a, phrases: [x]}]", "f"))
                .hasMessageContaining("rules[0](a)")
                .hasMessageContaining("sets neither");
        assertThatThrownBy(
                        () -> ClassificationRulesYaml.parse("rules: [{id: a, urgency: NORMAL, phrases: [[x]]}]", "f"))
                .hasMessageContaining("rules[0](a).phrases[0]");
        assertThatThrownBy(() -> ClassificationRulesYaml.parse(
                        "rules: [{id: a, urgency: NORMAL, priority: high, " + "phrases: [x]}]", "f"))
                .hasMessageContaining("priority");
        assertThatThrownBy(() -> ClassificationRulesYaml.parse("version: 2\nrules: []", "f"))
                .hasMessageContaining("version");
        assertThatThrownBy(() -> ClassificationRulesYaml.parse("!!java.io.File [\"/etc/passwd\"]", "f"))
                .hasMessageContaining("not valid YAML");
        assertThat(ClassificationRulesYaml.parse("rules: []", "f").defaultRequestType())
                .isEqualTo(RequestType.OTHER);
    }

    @Test
    @DisplayName("a bad value is one ConfigException 'key: problem' with the full path of the value")
    void badValueNamesTheFullKey() {
        assertThatThrownBy(
                        () -> ClassificationRulesYaml.parse("rules: [{id: leak, urgency: URGENT, phrases: [x]}]", "f"))
                .isInstanceOfSatisfying(
                        ConfigException.class, e -> assertThat(e.key()).isEqualTo("rules[0](leak).urgency"))
                .hasMessage("rules[0](leak).urgency: unknown value 'URGENT' (known: EMERGENCY, IMMEDIATE, NORMAL, "
                        + "COMPLEX)");
        assertThatThrownBy(() -> ClassificationRulesYaml.parse("defaults: {requestType: GRIPE}\nrules: []", "f"))
                .hasMessageStartingWith("defaults.requestType: unknown value 'GRIPE'");
        assertThatThrownBy(() -> TriageSettings.of(
                        YamlTree.parse("triage: {corpus: [t.tsv], rule-floor: high}", "f"),
                        Path.of("classification.yaml"),
                        true))
                .hasMessage("triage.rule-floor: not a number: 'high'");
        assertThatThrownBy(() -> TriageSettings.of(
                        YamlTree.parse("triage: {corpus: []}", "f"), Path.of("classification.yaml"), true))
                .hasMessage("triage.corpus: at least one labelled corpus file " + "required");
    }

    @Test
    @DisplayName("config/classification.yaml itself loads")
    void productionFile() {
        assertThat(cn.jiesu.channels.Fixtures.classifier().ruleCount()).isGreaterThan(30);
    }
}
