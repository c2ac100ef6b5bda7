package cn.jiesu.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RepeatedVertxGaugesTest {
    @Test
    @DisplayName("the shipped logging drops Micrometer's repeat-gauge warning for Vert.x's gauges, not for ours")
    void dropsOnlyVertxRepeats() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        assertThat(context.getTurboFilterList())
                .as("logback.xml's turbo filters")
                .hasAtLeastOneElementOfType(RepeatedVertxGauges.class);
        Logger logger = context.getLogger(RepeatedVertxGauges.LOGGER);
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.start();
        Level level = logger.getLevel();
        logger.addAppender(seen);
        // Micrometer warns about the first repeat and logs later ones at debug: see both levels.
        logger.setLevel(Level.DEBUG);
        try {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            for (String name : new String[] {"vertx.http.server.active.connections", "jiesu.test.repeated"}) {
                Gauge.builder(name, new AtomicLong(), AtomicLong::get).register(registry);
                Gauge.builder(name, new AtomicLong(), AtomicLong::get).register(registry);
            }
        } finally {
            logger.detachAppender(seen);
            logger.setLevel(level);
        }
        assertThat(seen.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .noneMatch(m -> m.contains("vertx.http.server.active.connections"))
                .anyMatch(m ->
                        m.startsWith("This Gauge has been already registered") && m.contains("jiesu.test.repeated"));
    }
}
