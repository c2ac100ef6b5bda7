package cn.jiesu.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LoopTest {

    @Test
    @DisplayName("a failing loop warns once per failure, not every round, counts every round and says when it works")
    void warnsOncePerOutage() {
        Logger logger = (Logger) LoggerFactory.getLogger(Loop.class);
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.start();
        Level level = logger.getLevel();
        logger.addAppender(seen);
        logger.setLevel(Level.INFO);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AtomicInteger round = new AtomicInteger();
        // Rounds 1-4 fail alike (Redis down), 5 otherwise, 6 works, 7 fails again.
        Loop loop = new Loop(
                "test-loop",
                Duration.ZERO,
                Duration.ofMillis(5),
                () -> {
                    int n = round.incrementAndGet();
                    if (n <= 4) {
                        throw new IllegalStateException("Redis is down");
                    }
                    if (n == 5) {
                        throw new IllegalStateException("a wrong password");
                    }
                    if (n == 7) {
                        throw new IllegalStateException("Redis is down");
                    }
                },
                registry);
        try {
            loop.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> round.get() >= 8);
        } finally {
            loop.close();
            logger.detachAppender(seen);
            logger.setLevel(level);
        }
        List<String> lines = seen.list.stream()
                .map(e -> e.getLevel() + " " + e.getFormattedMessage())
                .toList();
        assertThat(lines)
                .startsWith(
                        "WARN test-loop: java.lang.IllegalStateException: Redis is down",
                        "WARN test-loop: java.lang.IllegalStateException: a wrong password",
                        "INFO test-loop: works again after 5 failed round(s)",
                        "WARN test-loop: java.lang.IllegalStateException: Redis is down",
                        "INFO test-loop: works again after 1 failed round(s)");
        assertThat(registry.get("loop.failures")
                        .tag("loop", "test-loop")
                        .counter()
                        .count())
                .isEqualTo(6.0);
    }
}
