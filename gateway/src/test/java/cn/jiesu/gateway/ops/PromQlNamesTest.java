package cn.jiesu.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PromQlNamesTest {

    @Test
    @DisplayName("names come out of aggregations, matchers, ranges, label lists and arithmetic; functions do not")
    void namesOfTheShapesWeUse() {
        assertThat(PromQlNames.of("sum by (instance) (rate(jiesu_intake_append_failed_total[5m])) > 0"))
                .containsExactly("jiesu_intake_append_failed_total");
        assertThat(PromQlNames.of("max(jiesu_trunk_in_use) / max(jiesu_trunk_capacity) > 0.9"))
                .containsExactly("jiesu_trunk_in_use", "jiesu_trunk_capacity");
        assertThat(PromQlNames.of(
                        "histogram_quantile(0.99, sum by (le) (rate(jiesu_intake_append_latency_seconds_bucket[5m])))"))
                .containsExactly("jiesu_intake_append_latency_seconds_bucket");
        assertThat(PromQlNames.of("min(jiesu_rates_response{period=\"day\"}) < 0.95\n or min(jiesu_rates_response"
                        + "{period=\"day\"}) < min(jiesu_rates_response{period=\"month\"}) - 0.05"))
                .containsExactly("jiesu_rates_response");
        assertThat(PromQlNames.of("topk(7, sum by (category) (increase(jiesu_intake_appended_category_total[24h])))"))
                .containsExactly("jiesu_intake_appended_category_total");
        assertThat(PromQlNames.of("up{job=\"jiesu\"} == 0")).containsExactly("up");
    }

    @Test
    @DisplayName("label values, Grafana variables, offsets, bool and numbers with units are not names")
    void notNames() {
        assertThat(PromQlNames.of("sum(increase(a_total{x=\"rate(b)\", y=~'c|d'}[$__range])) * 60"))
                .containsExactly("a_total");
        assertThat(PromQlNames.of("a offset 1h > bool 1e3 and on (instance) b unless ignoring(x) c"))
                .containsExactly("a", "b", "c");
        assertThat(PromQlNames.of("sum without (le) (a_bucket) / on() group_left (x) b_count"))
                .containsExactly("a_bucket", "b_count");
        assertThat(PromQlNames.of("rate (x_sum[${__rate_interval}])")).containsExactly("x_sum");
    }

    @Test
    @DisplayName(
            "the names read from ops/ are the ones the rules and the big screen are about (the IT's check is not empty)")
    void namesOfTheMonitoringPack() {
        java.util.Set<String> rules = new java.util.TreeSet<>();
        MonitoringPack.alerts().forEach(a -> rules.addAll(PromQlNames.of(a.expr())));
        assertThat(rules)
                .contains(
                        "up",
                        "jiesu_ami_connection_up",
                        "jiesu_intake_append_failed_total",
                        "jiesu_intake_stream_lag",
                        "jiesu_intake_deadlettered_total",
                        "jiesu_callbacks_at_risk",
                        "jiesu_callbacks_late_total",
                        "jiesu_trunk_in_use",
                        "jiesu_trunk_capacity",
                        "jiesu_rates_response",
                        "jiesu_rates_resolution",
                        "jiesu_rates_satisfaction",
                        "jiesu_triage_review_open")
                .allSatisfy(n -> assertThat(n).matches("up|jiesu_[a-z_]+"));
        java.util.Set<String> panels = new java.util.TreeSet<>();
        MonitoringPack.panelQueries().forEach(q -> panels.addAll(PromQlNames.of(q.expr())));
        assertThat(panels)
                .contains(
                        "jiesu_intake_appended_total",
                        "jiesu_intake_appended_tier_total",
                        "jiesu_intake_appended_category_total",
                        "jiesu_calls_in_ivr",
                        "jiesu_queue_waiting",
                        "jiesu_queue_longest_wait_seconds",
                        "jiesu_callbacks_pending",
                        "jiesu_queue_answer_wait_seconds_bucket")
                .allSatisfy(n -> assertThat(n).startsWith("jiesu_"));
    }
}
