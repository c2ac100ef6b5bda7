package cn.jiesu.gateway.http;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Drops Micrometer's "This Gauge has been already registered" warning for Vert.x's own gauges, which every gateway
 * logged at its first concurrent load. vertx-micrometer-metrics registers a server gauge again for each event loop
 * that serves a connection and keeps one shared counter per meter id behind all of them (its {@code LongGauges}), so
 * the repeat is by design and the count stays whole (checked: {@code vertx_http_server_active_connections} after 64
 * concurrent connections reads the one connection left open). A repeated gauge of ours still warns. Named in
 * logback.xml.
 */
public final class RepeatedVertxGauges extends TurboFilter {
    static final String LOGGER = "io.micrometer.core.instrument.MeterRegistry";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (format != null
                && logger.getName().equals(LOGGER)
                && format.startsWith("This Gauge has been already registered (MeterId{name='vertx.")) {
            return FilterReply.DENY;
        }
        return FilterReply.NEUTRAL;
    }
}
