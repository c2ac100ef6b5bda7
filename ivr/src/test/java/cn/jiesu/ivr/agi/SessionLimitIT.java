package cn.jiesu.ivr.agi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import cn.jiesu.ivr.flow.FlowServices;
import cn.jiesu.ivr.flow.IvrDefinition;
import cn.jiesu.ivr.flow.WaitEstimator;
import cn.jiesu.ivr.support.LabIvr;
import cn.jiesu.ivr.support.SimulatedCallers.Call;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The server's limits against the real lab. Beyond {@code agi.max-sessions} (here a platform pool of two threads)
 * a connection is closed at once; Asterisk carries on (AGI fails, the dialplan hangs up), so only our
 * {@code agi.errors{kind=rejected}} shows the lost call: the failure mode of Asterisk-Java's default 500-thread pool
 * at 1,000 calls.
 */
class SessionLimitIT {
    private LabIvr ivr;
    private final List<Call> calls = new ArrayList<>();

    @AfterEach
    void stop() {
        calls.forEach(Call::hangUp);
        if (ivr != null) {
            ivr.close();
        }
    }

    @Test
    @DisplayName("A call beyond max-sessions is closed at once and counted as rejected; the others are served")
    void overflowIsCounted() throws Exception {
        ivr = new LabIvr(WaitEstimator.ZERO, c -> c.withThreads(AgiConfig.Threads.PLATFORM, 2));

        for (int i = 0; i < 3; i++) {
            calls.add(ivr.callers.call(LabIvr.uniqueCaller(), 3, 30));
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> ivr.errors("rejected") == 1.0);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> calls.stream().filter(Call::hungUp).count() == 1);
        Call rejected = calls.stream().filter(Call::hungUp).findFirst().orElseThrow();
        assertThat(rejected.jiesuVariables()).isEmpty();
        assertThat(ivr.server.activeSessions()).isEqualTo(2);
    }

    @Test
    @DisplayName("A second server on the same port fails to start with the agi.port key in the message")
    void portInUse() throws Exception {
        ivr = new LabIvr(WaitEstimator.ZERO);
        IvrAgiServer second = new IvrAgiServer(
                AgiConfig.defaults().withPort(ivr.lab.agiPort()),
                IvrDefinition.load(Path.of("..", "config", "ivr.yaml")),
                new FlowServices(ivr.appeals, WaitEstimator.ZERO, null),
                new SimpleMeterRegistry());

        assertThatThrownBy(second::start)
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage("agi.port: cannot listen on 127.0.0.1:" + ivr.lab.agiPort());
        assertThatThrownBy(second::start).isInstanceOf(IllegalStateException.class);
        second.stop();
    }
}
