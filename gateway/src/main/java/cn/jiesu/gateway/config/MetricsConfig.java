package cn.jiesu.gateway.config;

import cn.jiesu.core.config.ConfigException;
import cn.jiesu.core.config.ConfigNode;
import java.util.List;

/**
 * {@code metrics.token}: the bearer tokens a Prometheus scrape of {@code /metrics} must send (a comma-separated list
 * while one is rotated). Empty: {@code /metrics} is open.
 */
public record MetricsConfig(List<String> tokens) {
    static final int MIN_TOKEN_CHARS = 16;

    public MetricsConfig {
        tokens = List.copyOf(tokens);
    }

    @Override
    public String toString() {
        return "MetricsConfig[tokens=" + (tokens.isEmpty() ? "unset" : tokens.size() + "x***") + "]";
    }

    public static MetricsConfig from(ConfigNode t) {
        List<String> tokens = t.list("metrics.token");
        if (tokens.stream().anyMatch(token -> token.length() < MIN_TOKEN_CHARS)) {
            throw new ConfigException(
                    "metrics.token",
                    "every token at least " + MIN_TOKEN_CHARS + " characters (or empty: /metrics is open)");
        }
        return new MetricsConfig(tokens);
    }
}
