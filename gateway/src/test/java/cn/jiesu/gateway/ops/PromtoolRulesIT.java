package cn.jiesu.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.testkit.TestEnv;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * ops/prometheus through Prometheus's own promtool (Debian's package; scripts/test.sh unpacks it and exports
 * JIESU_TEST_PROMTOOL): the rules and the scrape config parse, and the rule unit tests pass, each alert tested
 * firing and not firing. That the rules' metric names exist on a real gateway is MetricsIT's part. An IT, not a
 * unit test, because it needs a tool scripts/test.sh provides, as the other ITs need its Redis and Asterisk.
 */
class PromtoolRulesIT {

    private static String run(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(TestEnv.require("JIESU_TEST_PROMTOOL"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd)
                .directory(MonitoringPack.root().toFile())
                .redirectErrorStream(true)
                .start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        assertThat(p.exitValue())
                .as("promtool " + String.join(" ", args) + ":\n" + out)
                .isZero();
        return out;
    }

    private static String[] paths(String command, String sub, String dir, String suffix) {
        List<String> args = new ArrayList<>(List.of(command, sub));
        Path root = MonitoringPack.root();
        MonitoringPack.files(dir, suffix)
                .forEach(f -> args.add(root.relativize(f).toString()));
        return args.toArray(String[]::new);
    }

    @Test
    @DisplayName("promtool check rules accepts every rule file")
    void checkRules() throws Exception {
        assertThat(run(paths("check", "rules", "ops/prometheus/rules", ".yml"))).contains("SUCCESS");
    }

    @Test
    @DisplayName("promtool check config accepts the scrape config (syntax: the token file lives on the server)")
    void checkConfig() throws Exception {
        assertThat(run("check", "config", "--syntax-only", "ops/prometheus/prometheus.yml"))
                .contains("SUCCESS");
    }

    @Test
    @DisplayName("promtool test rules passes the rule unit tests")
    void testRules() throws Exception {
        assertThat(run(paths("test", "rules", "ops/prometheus/tests", ".yml"))).contains("SUCCESS");
    }

    @Test
    @DisplayName("every alert has a severity, summary, description and runbook, and is tested firing and not firing")
    @SuppressWarnings("unchecked")
    void everyAlertIsDocumentedAndTested() {
        Set<String> firing = new HashSet<>();
        Set<String> quiet = new HashSet<>();
        for (Path f : MonitoringPack.files("ops/prometheus/tests", ".yml")) {
            for (Object t : (List<Object>) MonitoringPack.yaml(f).get("tests")) {
                for (Object c : (List<Object>) ((Map<String, Object>) t).get("alert_rule_test")) {
                    Map<String, Object> check = (Map<String, Object>) c;
                    List<Object> expected = (List<Object>) check.get("exp_alerts");
                    (expected == null || expected.isEmpty() ? quiet : firing).add((String) check.get("alertname"));
                }
            }
        }
        List<MonitoringPack.Alert> alerts = MonitoringPack.alerts();
        assertThat(alerts).hasSizeGreaterThanOrEqualTo(12);
        assertThat(alerts).allSatisfy(a -> {
            assertThat(a.labels()).as(a.name()).containsKey("severity");
            assertThat(a.annotations()).as(a.name()).containsKeys("summary", "description", "runbook");
            assertThat(firing).as("alerts tested firing").contains(a.name());
            assertThat(quiet).as("alerts tested not firing").contains(a.name());
        });
    }
}
