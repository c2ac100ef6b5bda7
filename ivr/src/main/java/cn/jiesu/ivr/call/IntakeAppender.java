package cn.jiesu.ivr.call;

import cn.jiesu.core.appeal.AppealStore;
import cn.jiesu.core.appeal.AppendResult;
import cn.jiesu.core.intake.CallInfo;
import cn.jiesu.core.intake.Intake;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends phone appeals to the intake queue and never gives up: a failed append is retried with exponential
 * backoff until the store takes it (the store's dedupe key makes retries safe). Thread-safe; {@link #append} does
 * not block.
 */
public final class IntakeAppender {
    private static final Logger log = LoggerFactory.getLogger(IntakeAppender.class);

    private final AppealStore store;
    private final ScheduledExecutorService scheduler;
    private final Duration minBackoff;
    private final Duration maxBackoff;
    private final AtomicInteger pending = new AtomicInteger();
    private final Counter appended;
    private final Counter duplicates;
    private final Counter retries;

    public IntakeAppender(
            AppealStore store,
            ScheduledExecutorService scheduler,
            Duration minBackoff,
            Duration maxBackoff,
            MeterRegistry registry) {
        this.store = store;
        this.scheduler = scheduler;
        this.minBackoff = minBackoff;
        this.maxBackoff = maxBackoff;
        this.appended = registry.counter("calls.appended", "result", "appended");
        this.duplicates = registry.counter("calls.appended", "result", "duplicate");
        this.retries = registry.counter("calls.append.retries");
        // strong: MeterRegistry.gauge holds its object weakly, and a gauge must not outlive what it reads as NaN
        Gauge.builder("calls.append.pending", pending, AtomicInteger::get)
                .strongReference(true)
                .register(registry);
    }

    /** Appends {@code intake}, retrying until it is stored; the stage completes with the store's answer. */
    public CompletionStage<AppendResult> append(Intake intake) {
        pending.incrementAndGet();
        CompletableFuture<AppendResult> done = new CompletableFuture<>();
        attempt(intake, minBackoff, done);
        return done;
    }

    /** Appends accepted but not yet acknowledged by the store. */
    public int pending() {
        return pending.get();
    }

    private void attempt(Intake intake, Duration backoff, CompletableFuture<AppendResult> done) {
        CompletionStage<AppendResult> stage;
        try {
            stage = store.append(intake);
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        stage.whenComplete((result, error) -> {
            if (error == null) {
                pending.decrementAndGet();
                (result.duplicate() ? duplicates : appended).increment();
                if (!result.duplicate()) {
                    // One line per call, no caller number: an operator sees calls become appeals in the log.
                    CallInfo call = intake.call();
                    log.info(
                            "call {} became appeal {} ({}, {}, IVR {})",
                            intake.channelMessageId(),
                            result.appealNo(),
                            call == null ? "-" : call.disposition(),
                            intake.urgency(),
                            call == null || call.ivrPath().isEmpty() ? "-" : String.join(",", call.ivrPath()));
                }
                done.complete(result);
                return;
            }
            retries.increment();
            log.warn(
                    "append of call {} failed, retrying in {} ms: {}",
                    intake.channelMessageId(),
                    backoff.toMillis(),
                    error.toString());
            Duration next = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
            try {
                scheduler.schedule(() -> attempt(intake, next, done), backoff.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException shutDown) {
                log.error("append of call {} abandoned: scheduler shut down", intake.channelMessageId());
                pending.decrementAndGet();
                done.completeExceptionally(shutDown);
            }
        });
    }
}
