package cn.jiesu.ivr.ami;

import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.intake.IntakeIds;
import cn.jiesu.core.sla.SlaPolicy;
import cn.jiesu.ivr.call.CallIntakeFactory;
import cn.jiesu.ivr.call.CallTracker;
import cn.jiesu.ivr.call.IntakeAppender;
import cn.jiesu.ivr.call.TrackerSettings;
import cn.jiesu.testkit.InMemoryAppealStore;
import cn.jiesu.testkit.LabEnv;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.response.ManagerResponse;

/** The AMI side wired as the gateway wires it: connector → tracker → appender → (in-memory) appeal store. */
final class TrackingRig implements AutoCloseable {
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final InMemoryAppealStore store;
    final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    final IntakeAppender appender;
    final CallTracker tracker;
    final AmiConnector connector;

    TrackingRig(LabEnv lab) {
        this(lab, new InMemoryAppealStore());
    }

    /** A rig appending to {@code store}, e.g. shared with another gateway instance. */
    TrackingRig(LabEnv lab, InMemoryAppealStore store) {
        this.store = store;
        Clock clock = Clock.systemUTC();
        TrackerSettings settings = TrackerSettings.DEFAULTS.withEndGrace(Duration.ofMillis(500));
        appender = new IntakeAppender(store, scheduler, Duration.ofMillis(50), Duration.ofSeconds(2), registry);
        tracker = new CallTracker(
                settings,
                new CallIntakeFactory(settings, SlaPolicy.BEIJING, new IntakeIds(clock, new SecureRandom())),
                appender::append,
                clock,
                registry);
        connector = new AmiConnector(amiConfig(lab), tracker, clock, registry);
    }

    /** The lab's AMI with settings that notice a dead lab quickly (tests restart it). */
    static AmiConfig amiConfig(LabEnv lab) {
        return new AmiConfig(
                lab.amiHost(),
                lab.amiPort(),
                lab.amiUser(),
                lab.amiSecret(),
                Duration.ofSeconds(2),
                Duration.ofSeconds(4),
                Duration.ofSeconds(1),
                Duration.ofMillis(100),
                Duration.ofSeconds(1),
                4096,
                Duration.ofSeconds(4),
                Duration.ofSeconds(30));
    }

    /** A simulated citizen calling 12345 (Local/s@caller-sim), whose test IVR plays {@code scenario}. */
    CompletionStage<ManagerResponse> call(String callerNumber, String scenario, Map<String, String> vars) {
        OriginateAction a = new OriginateAction();
        a.setChannel("Local/s@caller-sim");
        a.setContext("public");
        a.setExten("12345");
        a.setPriority(1);
        a.setCallerId("\"Citizen\" <" + callerNumber + ">");
        a.setVariable("SCENARIO", scenario);
        vars.forEach(a::setVariable);
        a.setTimeout(30_000L);
        a.setAsync(true);
        return connector.send(a);
    }

    List<Intake> appealsFrom(String callerNumber) {
        return store.appended().stream()
                .filter(i -> callerNumber.equals(i.citizen().callerNumber()))
                .toList();
    }

    @Override
    public void close() {
        connector.stop();
        scheduler.shutdownNow();
    }
}
