package cn.jiesu.ivr.support;

import cn.jiesu.ivr.agi.AgiConfig;
import cn.jiesu.ivr.agi.IvrAgiServer;
import cn.jiesu.ivr.flow.FlowServices;
import cn.jiesu.ivr.flow.IvrDefinition;
import cn.jiesu.ivr.flow.WaitEstimator;
import cn.jiesu.testkit.InMemoryAppealStore;
import cn.jiesu.testkit.LabEnv;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;

/**
 * Our FastAGI server with the shipped config/ivr.yaml on the lab's AGI port, plus simulated callers: what every
 * IVR IT starts in {@code @BeforeAll}.
 */
public final class LabIvr implements AutoCloseable {
    public final LabEnv lab = LabEnv.fromEnvironment();
    public final InMemoryAppealStore appeals = new InMemoryAppealStore();
    public final SessionLog sessions = new SessionLog();
    public final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    public final IvrAgiServer server;
    public final SimulatedCallers callers;

    public LabIvr(WaitEstimator waits) throws Exception {
        this(waits, UnaryOperator.identity());
    }

    /** With the server configuration adjusted (thread model, session limit). */
    public LabIvr(WaitEstimator waits, UnaryOperator<AgiConfig> adjust) throws Exception {
        server = new IvrAgiServer(
                adjust.apply(AgiConfig.defaults().withPort(lab.agiPort())),
                IvrDefinition.load(Path.of("..", "config", "ivr.yaml")),
                new FlowServices(appeals, waits, sessions),
                registry);
        server.start();
        callers = new SimulatedCallers(lab);
    }

    /** A mobile number no other test uses, so that nothing is shared between calls. */
    public static String uniqueCaller() {
        return "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    public double errors() {
        return registry.find("agi.errors").counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }

    public double errors(String kind) {
        return registry.find("agi.errors").tag("kind", kind).counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }

    @Override
    public void close() {
        callers.close();
        server.stop();
    }
}
