package cn.jiesu.ivr.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.jiesu.testkit.InMemoryAppealStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Appending phone appeals")
class IntakeAppenderTest {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final InMemoryAppealStore store = new InMemoryAppealStore();
    private final IntakeAppender appender =
            new IntakeAppender(store, scheduler, Duration.ofMillis(5), Duration.ofMillis(40), registry);

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    @DisplayName("A store outage is retried with backoff until the appeal is stored, once")
    void retriesUntilStored() {
        TrackerHarness h = new TrackerHarness();
        h.tracker.addEndListener(e -> {});
        h.apply(CaptureCalls.events("lab-midmenu-hangup.raw", h.clock));
        h.settle();
        store.failNext(5);
        appender.append(h.intakes.getFirst());
        appender.append(h.intakes.getFirst()); // the same call closed twice: the dedupe key keeps one
        await().atMost(Duration.ofSeconds(5)).until(() -> appender.pending() == 0);
        assertThat(store.appended()).hasSize(1);
        assertThat(store.attempts()).isEqualTo(7);
        assertThat(registry.get("calls.append.retries").counter().count()).isEqualTo(5);
        assertThat(registry.get("calls.appended")
                        .tag("result", "duplicate")
                        .counter()
                        .count())
                .isEqualTo(1);
    }
}
