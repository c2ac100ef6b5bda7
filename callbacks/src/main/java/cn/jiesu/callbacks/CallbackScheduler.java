package cn.jiesu.callbacks;

import cn.jiesu.core.callback.AgentAvailability;
import cn.jiesu.core.callback.AttemptDecision;
import cn.jiesu.core.callback.AttemptProbe;
import cn.jiesu.core.callback.CallbackAttempt;
import cn.jiesu.core.callback.CallbackConfig;
import cn.jiesu.core.callback.CallbackLeases;
import cn.jiesu.core.callback.CallbackOutcome;
import cn.jiesu.core.callback.CallbackPlanner;
import cn.jiesu.core.callback.Dialer;
import cn.jiesu.core.callback.NotPlacedException;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instance's callback dialer loop: claims placeable callbacks (earliest deadline first, within the global trunk
 * cap and the free agents) from the shared schedule, hands each to the {@link Dialer}, records the outcome and
 * applies the retry policy; renews its leases; takes over expired leases of instances that died and settles them
 * through the {@link AttemptProbe} (redialing only attempts proved never started).
 *
 * <p>Threading: one virtual thread runs the loop and blocks on Redis round trips; it sleeps until the next due time,
 * lease renewal or reclaim check, bounded by {@code tick-min}/{@code tick-max}, and is woken early by
 * {@link #wake()} (a new callback here, a finished call). Dial outcomes arrive on the dialer's threads and are
 * recorded asynchronously. {@code clockRate} is simulated seconds per real second (1 in production; benchmarks
 * compress a day with a faster clock, and the loop's sleeps shrink with it).
 */
public final class CallbackScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CallbackScheduler.class);
    private static final int RECLAIM_BATCH = 100;

    private final String instance;
    private final CallbackConfig config;
    private final CallbackPlanner planner;
    private final CallbackLeases leases;
    private final Dialer dialer;
    private final AttemptProbe probe;
    private final AgentAvailability agents;
    private final AttemptListener listener;
    private final Clock clock;
    private final double clockRate;
    private final CallbackMetrics metrics;
    private final Semaphore wake = new Semaphore(0);
    /** Attempts this instance holds the lease of: dialing, or taken over and being watched. */
    private final Map<String, CallbackAttempt> owned = new ConcurrentHashMap<>();

    private final Map<String, CallbackAttempt> watched = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile boolean halted;
    private Thread loop;
    private Instant nextRenew = Instant.MIN;
    private Instant nextReclaim = Instant.MIN;
    /** After a dial that could not be placed (telephony down), no claims until then. */
    private volatile Instant backoffUntil = Instant.MIN;

    public CallbackScheduler(
            String instance,
            CallbackConfig config,
            CallbackPlanner planner,
            CallbackLeases leases,
            Dialer dialer,
            AttemptProbe probe,
            AgentAvailability agents,
            AttemptListener listener,
            MeterRegistry registry,
            Clock clock,
            double clockRate) {
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clockRate: must be positive");
        }
        this.instance = instance;
        this.config = config;
        this.planner = planner;
        this.leases = leases;
        this.dialer = dialer;
        this.probe = probe;
        this.agents = agents;
        this.listener = listener;
        this.clock = clock;
        this.clockRate = clockRate;
        this.metrics = new CallbackMetrics(registry, owned);
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        loop = Thread.ofVirtual().name("callback-scheduler-" + instance).start(this::run);
        LOG.info("callback scheduler {} started (trunk cap {}, lease {})", instance, config.trunkCap(), config.lease());
    }

    /** Look at the schedule now (a callback was scheduled, or a trunk freed). Cheap, any thread. */
    public void wake() {
        if (wake.availablePermits() == 0) {
            wake.release();
        }
    }

    /** Attempts this instance is placing or watching. */
    public int inFlight() {
        return owned.size();
    }

    public String instance() {
        return instance;
    }

    /**
     * Stops like a crash, for tests: no more claims, renewals or completions from this instance; calls it placed
     * go on at the telephony side and are settled by another instance once the leases expire.
     */
    public void halt() {
        halted = true;
        running = false;
        wake();
        joinLoop();
    }

    private void joinLoop() {
        Thread t = loop;
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(Duration.ofSeconds(12));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Stops claiming; attempts in flight are finished (recorded) for at most {@code drain}, then left to leases. */
    public void stop(Duration drain) {
        running = false;
        wake();
        long deadline = System.nanoTime() + drain.toNanos();
        while (!owned.isEmpty() && System.nanoTime() < deadline) {
            renewOwned();
            try {
                Thread.sleep(Math.min(200, Math.max(1, realMillis(config.lease().dividedBy(3)))));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(5));
    }

    private void run() {
        while (running) {
            try {
                Instant now = clock.instant();
                if (!now.isBefore(nextRenew)) {
                    renewOwned();
                    nextRenew = now.plus(config.lease().dividedBy(3));
                }
                if (!now.isBefore(nextReclaim)) {
                    reclaim();
                    checkWatched();
                    nextReclaim = now.plus(config.tickMax());
                }
                if (now.isBefore(backoffUntil)) {
                    pause(Duration.between(now, backoffUntil));
                    continue;
                }
                CallbackLeases.Claim claim = claimAndDial();
                if (claim.attempts().size() >= config.claimBatch()) {
                    continue; // more may be ready right now
                }
                sleepUntilNext(claim.nextDue());
            } catch (RuntimeException e) {
                LOG.warn("callback scheduler {}: {}", instance, e.toString());
                pause(config.tickMax());
            }
        }
    }

    private CallbackLeases.Claim claimAndDial() {
        Instant now = clock.instant();
        CallbackLeases.Claim claim = get(leases.claim(
                instance,
                config.claimBatch(),
                config.trunkCap(),
                config.window().isOpen(now),
                agents.freeAgents(),
                config.lease()));
        for (CallbackAttempt a : claim.attempts()) {
            Instant placed = clock.instant();
            if (!placed.isBefore(a.leaseUntil())) {
                // Stalled past our own lease (a long pause): another instance may already be settling it. Do not
                // originate; the lease runs out and the reclaimer finds the attempt never started.
                LOG.warn(
                        "callback {} attempt {}: lease expired before dialing; left to the reclaimer",
                        a.callbackId(),
                        a.attempt());
                continue;
            }
            owned.put(a.callbackId(), a);
            metrics.placed(planner.lateness(a, placed), placed.isAfter(a.placeBy()));
            dial(a);
        }
        return claim;
    }

    private void dial(CallbackAttempt a) {
        CompletionStage<CallbackOutcome> call;
        try {
            call = dialer.dial(a);
        } catch (RuntimeException e) {
            call = java.util.concurrent.CompletableFuture.failedStage(e);
        }
        call.whenComplete((outcome, error) -> {
            if (halted) {
                return; // a dead instance records nothing
            }
            if (error != null && unwrap(error) instanceof NotPlacedException) {
                notPlaced(a);
                return;
            }
            finish(a, error == null && outcome != null ? outcome : CallbackOutcome.FAILED);
        });
    }

    private void finish(CallbackAttempt a, CallbackOutcome outcome) {
        Instant ended = clock.instant();
        AttemptDecision decision = planner.decide(a, outcome, ended);
        leases.complete(a, outcome, ended, decision).whenComplete((done, error) -> {
            if (error != null) {
                // The lease runs out and a reclaimer settles the attempt through the probe.
                LOG.warn(
                        "callback {} attempt {}: recording {} failed: {}",
                        a.callbackId(),
                        a.attempt(),
                        outcome,
                        error.toString());
                return;
            }
            owned.remove(a.callbackId(), a);
            watched.remove(a.callbackId());
            if (done.applied()) {
                metrics.ended(outcome);
                listener.attemptEnded(a, outcome, ended, done.result());
            }
            wake();
        });
    }

    /** Nothing reached the telephony side: re-queue without spending an attempt, and back off for a tick. */
    private void notPlaced(CallbackAttempt a) {
        backoffUntil = clock.instant().plus(config.tickMax());
        leases.completeNeverStarted(a, clock.instant()).whenComplete((done, e) -> {
            if (e == null) {
                owned.remove(a.callbackId(), a);
            }
        });
    }

    private void renewOwned() {
        if (owned.isEmpty() || halted) {
            return;
        }
        List<String> lost = get(leases.renew(instance, List.copyOf(owned.keySet()), config.lease()));
        for (String id : lost) {
            // Completed meanwhile (the completion removes it too) or taken over after a stall: not ours any more,
            // so neither owned nor watched.
            owned.remove(id);
            watched.remove(id);
        }
    }

    private void reclaim() {
        for (CallbackAttempt a : get(leases.expired(RECLAIM_BATCH))) {
            if (owned.containsKey(a.callbackId())) {
                continue;
            }
            if (Boolean.TRUE.equals(get(leases.takeOver(a, instance, config.lease())))) {
                LOG.info(
                        "callback {} attempt {}: lease of {} expired; taken over",
                        a.callbackId(),
                        a.attempt(),
                        a.channelId());
                owned.put(a.callbackId(), a);
                watched.put(a.callbackId(), a);
            }
        }
    }

    private void checkWatched() {
        for (CallbackAttempt a : List.copyOf(watched.values())) {
            AttemptProbe.ProbeResult r = get(probe.probe(a));
            switch (r) {
                case AttemptProbe.ProbeResult.NeverStarted n -> {
                    metrics.reclaimed("never_started");
                    leases.completeNeverStarted(a, clock.instant()).whenComplete((done, e) -> {
                        if (e == null) {
                            owned.remove(a.callbackId(), a);
                            watched.remove(a.callbackId());
                            wake();
                        }
                    });
                }
                case AttemptProbe.ProbeResult.Ended e -> {
                    metrics.reclaimed("ended");
                    finish(a, e.outcome());
                }
                case AttemptProbe.ProbeResult.InProgress p -> metrics.reclaimed("in_progress");
                case AttemptProbe.ProbeResult.Unknown u -> metrics.reclaimed("unknown");
            }
        }
    }

    private void sleepUntilNext(Optional<Instant> due) {
        Instant now = clock.instant();
        Instant next = now.plus(config.tickMax());
        if (due.isPresent() && due.get().isBefore(next)) {
            next = due.get();
        }
        if (!config.window().isOpen(now)) {
            Instant opens = config.window().nextOpen(now);
            if (opens.isBefore(next)) {
                next = opens;
            }
        }
        if (nextRenew.isBefore(next) && !owned.isEmpty()) {
            next = nextRenew;
        }
        Duration wait = Duration.between(now, next);
        if (wait.compareTo(config.tickMin()) < 0) {
            wait = config.tickMin();
        }
        pause(wait);
    }

    /** Waits {@code simulated} (scaled to real time by clockRate) or until woken. */
    private void pause(Duration simulated) {
        try {
            if (wake.tryAcquire(Math.max(1, (long) (simulated.toNanos() / clockRate)), TimeUnit.NANOSECONDS)) {
                wake.drainPermits();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private long realMillis(Duration simulated) {
        return (long) (simulated.toMillis() / clockRate);
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof java.util.concurrent.CompletionException
                        || c instanceof java.util.concurrent.ExecutionException)
                && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    private <T> T get(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("redis did not answer in 10 s", e);
        }
    }
}
