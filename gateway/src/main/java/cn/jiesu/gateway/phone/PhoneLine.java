package cn.jiesu.gateway.phone;

import cn.jiesu.core.appeal.AppealStore;
import cn.jiesu.core.appeal.LookupBudget;
import cn.jiesu.core.intake.IntakeIds;
import cn.jiesu.core.sla.SlaPolicy;
import cn.jiesu.ivr.agi.IvrAgiServer;
import cn.jiesu.ivr.ami.AmiConnector;
import cn.jiesu.ivr.call.CallEventSink;
import cn.jiesu.ivr.call.CallIntakeFactory;
import cn.jiesu.ivr.call.CallTracker;
import cn.jiesu.ivr.call.IntakeAppender;
import cn.jiesu.ivr.call.TrackerSettings;
import cn.jiesu.ivr.flow.FlowObserver;
import cn.jiesu.ivr.flow.FlowServices;
import cn.jiesu.ivr.flow.StatusLookupGuard;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.UnaryOperator;

/**
 * The 12345 phone line inside the gateway: the AMI connector feeding the call tracker (which appends one phone
 * appeal per call) and the FastAGI server running the IVR. Either half may be absent when not configured.
 */
public final class PhoneLine implements AutoCloseable {
    private final ScheduledExecutorService retries;
    private final CallTracker tracker;
    private final AmiConnector ami;
    private final IvrAgiServer agi;

    /**
     * @param decorate wraps the tracker as the AMI event sink (the callback dialer watches its own outbound
     *                 calls on the same single consumer thread)
     * @param observer sees every IVR session's steps (the survey recorder)
     * @param lookups  the daily status-lookup budgets ({@code ivr.status-lookup}), shared by every instance
     */
    public PhoneLine(PhoneConfig config, AppealStore store, SlaPolicy sla, Clock clock, MeterRegistry registry,
                     UnaryOperator<CallEventSink> decorate, FlowObserver observer, LookupBudget lookups) {
        this.retries = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon()
                .name("jiesu-append-retry").unstarted(r));
        TrackerSettings settings = TrackerSettings.DEFAULTS;
        IntakeAppender appender = new IntakeAppender(store, retries, Duration.ofMillis(100), Duration.ofSeconds(10),
                registry);
        this.tracker = new CallTracker(settings, new CallIntakeFactory(settings, sla,
                new IntakeIds(clock, new SecureRandom())), appender::append, clock, registry);
        this.ami = config.ami() == null ? null : new AmiConnector(config.ami(), decorate.apply(tracker), clock,
                registry);
        this.agi = config.agi() == null ? null : new IvrAgiServer(config.agi(), config.ivr(),
                new FlowServices(store, new TrackerWaitEstimator(tracker, clock), observer,
                        new StatusLookupGuard(lookups, config.lookups().maxMissesPerCall())), registry);
    }

    public void start() {
        if (agi != null) {
            agi.start();
        }
        if (ami != null) {
            ami.start();
        }
    }

    public CallTracker tracker() {
        return tracker;
    }

    /** The AMI connector, or null when no Asterisk is configured. */
    public AmiConnector ami() {
        return ami;
    }

    @Override
    public void close() {
        // FastAGI first: no new IVR sessions; then AMI, so that calls ending meanwhile are still tracked.
        if (agi != null) {
            agi.close();
        }
        if (ami != null) {
            ami.close();
        }
        retries.shutdown();
    }
}
