package cn.jiesu.gateway.channels;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import cn.jiesu.gateway.support.LogCapture;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Start-up does its slow work off the event loops: the triage model was trained on one (the tester saw 2.5-9.6 s
 * "blocked" WARNs with stack traces at every start).
 */
@Isolated("asserts on every log line of the JVM")
class StartupIT {
    @Test
    @DisplayName("the channels (and the triage model they train) are built off the event loop; no blocked WARN")
    void trainsOffEventLoop() {
        List<ILoggingEvent> events;
        try (LogCapture log = LogCapture.attach()) {
            ChannelGateway.start().close();
            events = log.events();
        }
        // IntakeChannels logs this line once the classifier is loaded, on the thread that loaded it.
        assertThat(events)
                .filteredOn(e -> e.getFormattedMessage().startsWith("channels: weibo"))
                .singleElement()
                .satisfies(e -> assertThat(e.getThreadName()).doesNotContain("eventloop"));
        assertThat(events)
                .filteredOn(e -> e.getFormattedMessage().contains("has been blocked for"))
                .as("BlockedThreadChecker warnings")
                .isEmpty();
    }
}
