package cn.jiesu.ivr.call;

import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.intake.IntakeIds;
import cn.jiesu.core.sla.SlaPolicy;
import cn.jiesu.testkit.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A tracker wired to a recording appender and a hand-moved clock, for unit tests on the tracker's thread. */
final class TrackerHarness {
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T05:41:43Z"));
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final List<Intake> intakes = new ArrayList<>();
    final List<AgentCall> agentCalls = new ArrayList<>();
    final TrackerSettings settings = TrackerSettings.DEFAULTS.withPublishInterval(Duration.ZERO);
    final CallTracker tracker = new CallTracker(
            settings,
            new CallIntakeFactory(settings, SlaPolicy.BEIJING, new IntakeIds(clock, new Random(7))),
            intakes::add,
            clock,
            registry);

    TrackerHarness() {
        tracker.addAgentListener(agentCalls::add);
    }

    void apply(List<CallEvent> events) {
        events.forEach(e -> {
            tracker.apply(e);
            tracker.tick();
        });
    }

    /** Lets the end grace pass. */
    void settle() {
        clock.advance(settings.endGrace().plusMillis(1));
        tracker.tick();
    }

    double counter(String name, String tag, String value) {
        var c = registry.find(name).tag(tag, value).counter();
        return c == null ? 0 : c.count();
    }
}
