package cn.jiesu.gateway.http;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.NamingConvention;
import io.micrometer.prometheusmetrics.PrometheusNamingConvention;
import java.util.List;

/**
 * Prometheus names of the gateway's meters: ours get the {@code jiesu_} prefix ({@code intake.appended} is
 * {@code jiesu_intake_appended_total}), so they neither collide with another exporter's ({@code queue_*},
 * {@code http_*}, {@code redis_*} are common) nor hide among them; meters of the JVM and the libraries keep the
 * names their dashboards know ({@code jvm_memory_used_bytes}, {@code vertx_http_server_*}). Units and suffixes
 * are Prometheus's ({@code _seconds}, {@code _bytes}, {@code _total}). Only the exposition changes: in the process
 * meters keep their dotted names, which the wallboard's configuration and the tests look up.
 */
public final class PrometheusNames implements NamingConvention {
    public static final String PREFIX = "jiesu.";

    /** Dotted name prefixes of meters that are not ours (Micrometer's binders, Vert.x, Lettuce). */
    static final List<String> STANDARD =
            List.of("jvm.", "process.", "system.", "executor.", "disk.", "logback.", "vertx.", "lettuce.", PREFIX);

    private final NamingConvention prometheus = new PrometheusNamingConvention();

    @Override
    public String name(String name, Meter.Type type, String baseUnit) {
        return prometheus.name(prefixed(name), type, baseUnit);
    }

    @Override
    public String tagKey(String key) {
        return prometheus.tagKey(key);
    }

    @Override
    public String tagValue(String value) {
        return prometheus.tagValue(value);
    }

    /** The dotted name Prometheus sees for a meter named {@code name} in the process. */
    public static String prefixed(String name) {
        return STANDARD.stream().anyMatch(name::startsWith) ? name : PREFIX + name;
    }
}
