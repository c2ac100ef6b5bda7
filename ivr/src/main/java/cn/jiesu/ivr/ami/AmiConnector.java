package cn.jiesu.ivr.ami;

import cn.jiesu.ivr.call.CallEvent;
import cn.jiesu.ivr.call.CallEventSink;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.asteriskjava.manager.AuthenticationFailedException;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.action.QueuePauseAction;
import org.asteriskjava.manager.response.ManagerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the gateway connected to Asterisk's AMI and feeds the call tracker. Two Asterisk-Java connections per
 * session (events, actions); Asterisk-Java's listener only translates and offers to a bounded queue; one consumer
 * (virtual) thread applies events to the {@link CallEventSink}. When the session drops, the gap is recorded, a new
 * session is opened with exponential backoff, and the tracker is reconciled against CoreShowChannels; lost events
 * (Asterisk-Java's queue or ours overflowing) are counted, recorded as gaps and reconciled the same way.
 *
 * <p>Threads: {@link #start()}/{@link #stop()} from the composition root; {@link #send}, {@link #originate},
 * {@link #state()}, {@link #health()} and {@link #gaps()} from any thread.
 */
public final class AmiConnector implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AmiConnector.class);
    private static final Duration ORIGINATE_MARGIN = Duration.ofSeconds(10);

    private final AmiConfig config;
    private final CallEventSink sink;
    private final Clock clock;
    private final BlockingQueue<CallEvent> queue;
    private final AmiMetrics metrics;
    private final ManagerEventTranslator translator;
    private final OriginateCorrelator originates;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicLong tokens = new AtomicLong();
    private final AtomicLong sessionIds = new AtomicLong();
    private final GapLog gapLog;
    private volatile AmiState state = AmiState.DOWN;
    private volatile Instant stateSince;
    private volatile AmiSession session;
    private volatile Instant gapOpenSince;
    private volatile String lastError;
    private volatile boolean running;
    private Thread supervisor;
    private Thread consumer;

    public AmiConnector(AmiConfig config, CallEventSink sink, Clock clock, MeterRegistry registry) {
        this.config = config;
        this.sink = sink;
        this.clock = clock;
        this.stateSince = clock.instant();
        this.queue = new ArrayBlockingQueue<>(config.eventQueueCapacity());
        this.metrics = new AmiMetrics(registry, () -> state, queue);
        this.translator = new ManagerEventTranslator(clock);
        this.originates = new OriginateCorrelator(workers);
        this.gapLog = new GapLog(clock, metrics, tokens);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("ami-timer").factory());
    }

    /** Starts connecting (in the background) and consuming; returns at once. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        consumer = Thread.ofVirtual().name("ami-consumer").start(this::consume);
        supervisor = Thread.ofVirtual().name("ami-supervisor").start(this::supervise);
        long every = config.reconcileInterval().toMillis();
        scheduler.scheduleAtFixedRate(() -> requestReconcile("periodic"), every, every, TimeUnit.MILLISECONDS);
        log.info("AMI connector starting: {}", config);
    }

    /** Logs off, drains the queue into the sink and stops every thread. */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        supervisor.interrupt();
        AmiSession s = session;
        if (s != null) {
            s.close();
        }
        join(supervisor);
        join(consumer);
        scheduler.shutdownNow();
        workers.shutdown();
        setState(AmiState.DOWN);
    }

    @Override
    public void close() {
        stop();
    }

    public AmiState state() {
        return state;
    }

    /** Recent gaps, oldest first (at most 50). */
    public List<AmiGap> gaps() {
        return gapLog.recent();
    }

    public AmiHealth health() {
        return new AmiHealth(
                state,
                stateSince,
                gapOpenSince,
                gapLog.last(),
                metrics.gaps(),
                metrics.receivedTotal(),
                metrics.droppedTotal(),
                queue.size(),
                config.eventQueueCapacity(),
                lastError);
    }

    /**
     * Sends an action on the actions connection. The stage fails with {@link AmiUnavailableException} while AMI is
     * not UP and with a {@link java.util.concurrent.TimeoutException} after {@link AmiConfig#actionTimeout()}; an
     * Asterisk error arrives as a response whose {@code getResponse()} is "Error".
     */
    public CompletionStage<ManagerResponse> send(ManagerAction action) {
        AmiSession s = session;
        if (s == null || state != AmiState.UP) {
            return CompletableFuture.failedFuture(new AmiUnavailableException("AMI is " + state));
        }
        return s.send(action);
    }

    /**
     * Places an async Originate and completes when its OriginateResponse (matched by ActionID) arrives: ANSWERED,
     * BUSY, NO_ANSWER, CONGESTION ... REJECTED when Asterisk refuses the action, UNKNOWN when the session drops or
     * no response comes within the ring timeout plus a margin. Fails with {@link AmiUnavailableException} when AMI
     * is not UP (nothing was sent).
     */
    public CompletionStage<OriginateResult> originate(OriginateRequest request) {
        if (session == null || state != AmiState.UP) {
            return CompletableFuture.failedFuture(new AmiUnavailableException("AMI is " + state));
        }
        String actionId = request.channelId();
        CompletableFuture<OriginateResult> result = originates.expect(
                actionId,
                request.channelId(),
                request.ringTimeout().plus(config.actionTimeout()).plus(ORIGINATE_MARGIN));
        send(OriginateActions.of(request, actionId)).whenComplete((response, error) -> {
            if (error != null) {
                originates.unknown(actionId, "Originate not confirmed: " + error);
            } else if ("Error".equalsIgnoreCase(response.getResponse())) {
                originates.rejected(actionId, response.getMessage());
            }
        });
        return result.whenComplete((r, e) -> {
            if (r != null) {
                metrics.originated(r.outcome());
            }
        });
    }

    /**
     * Pauses or unpauses {@code memberInterface} (as in queues.conf, e.g. {@code Local/8001@agent-sim/n}) in every
     * queue ({@code QueuePause} without a queue), with {@code reason} shown in queue logs. Fails like {@link #send},
     * and with an IllegalStateException when Asterisk answers with an error.
     */
    public CompletionStage<Void> pauseQueueMember(String memberInterface, boolean paused, String reason) {
        QueuePauseAction action = new QueuePauseAction(memberInterface, paused);
        action.setReason(reason);
        return send(action)
                .thenCompose(r -> "Error".equalsIgnoreCase(r.getResponse())
                        ? CompletableFuture.failedStage(
                                new IllegalStateException("QueuePause refused: " + r.getMessage()))
                        : CompletableFuture.completedStage(null));
    }

    /** Queues a reconcile (CoreShowChannels against the tracker); false when AMI is not UP. */
    public boolean requestReconcile(String cause) {
        if (state != AmiState.UP) {
            return false;
        }
        return queue.offer(new CallEvent.ReconcileMark(clock.instant(), tokens.incrementAndGet(), cause));
    }

    private void supervise() {
        Duration backoff = config.reconnectBackoffMin();
        boolean wasUp = false;
        int failures = 0;
        while (running) {
            setState(AmiState.CONNECTING);
            long token = tokens.incrementAndGet();
            AmiSession s =
                    new AmiSession(sessionIds.incrementAndGet(), config, clock, translator, queue, metrics, gapLog);
            try {
                // before the login, so that every event of the new session comes after the mark
                queue.put(new CallEvent.ReconcileMark(clock.instant(), token, wasUp ? "reconnect" : "start"));
                s.open(scheduler, workers);
            } catch (InterruptedException e) {
                s.close();
                break;
            } catch (AuthenticationFailedException e) {
                lastError = "authentication failed for user " + config.username();
            } catch (Exception e) {
                lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            if (!s.alive() || !running) {
                s.close();
                if (running) {
                    if (failures++ % 30 == 0) { // every minute or so during a long outage, not every attempt
                        log.warn(
                                "AMI login to {}:{} failed ({}), attempt {}, retrying in {} ms",
                                config.host(),
                                config.port(),
                                lastError,
                                failures,
                                backoff.toMillis());
                    }
                    setState(AmiState.DOWN);
                    if (!sleep(backoff)) {
                        break;
                    }
                }
                backoff = backoff.multipliedBy(2).compareTo(config.reconnectBackoffMax()) > 0
                        ? config.reconnectBackoffMax()
                        : backoff.multipliedBy(2);
                continue;
            }
            session = s;
            lastError = null;
            failures = 0;
            backoff = config.reconnectBackoffMin();
            setState(AmiState.UP);
            if (wasUp) {
                metrics.reconnected();
            }
            gapLog.close(gapOpenSince, AmiGap.DISCONNECTED, -1);
            gapOpenSince = null;
            wasUp = true;
            workers.execute(() -> list(token, s));
            log.info("AMI session {} up ({}:{})", s.id(), config.host(), config.port());
            try {
                gapOpenSince = s.awaitDeath();
            } catch (InterruptedException e) {
                gapOpenSince = clock.instant();
            }
            session = null;
            originates.sessionLost();
            if (running) {
                log.warn("AMI session {} lost: {}", s.id(), s.deathCause());
            }
            workers.execute(s::close);
        }
    }

    private void consume() {
        List<CallEvent> batch = new ArrayList<>(1024);
        while (running || !queue.isEmpty()) {
            try {
                CallEvent first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, 1023);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            for (CallEvent e : batch) {
                dispatch(e);
            }
            batch.clear();
            try {
                sink.tick();
            } catch (RuntimeException ex) {
                log.error("call tracker tick failed", ex);
            }
        }
    }

    private void dispatch(CallEvent e) {
        if (e instanceof CallEvent.OriginateResponded o) {
            originates.responded(o);
        } else if (e instanceof CallEvent.ReconcileMark m
                && !m.cause().equals("start")
                && !m.cause().equals("reconnect")) {
            AmiSession s = session;
            if (s != null) {
                workers.execute(() -> list(m.token(), s));
            }
        }
        try {
            sink.apply(e);
        } catch (RuntimeException ex) {
            log.error("call tracker failed on {}", e.getClass().getSimpleName(), ex);
        }
    }

    /** QueueStatus and CoreShowChannels for the reconcile {@code token}, on a worker (virtual) thread. */
    private void list(long token, AmiSession s) {
        try {
            AmiSession.Listing listing = s.list();
            metrics.reconciled(true);
            queue.put(new CallEvent.QueueMembersListed(clock.instant(), token, listing.queues(), listing.members()));
            queue.put(new CallEvent.ChannelsListed(clock.instant(), token, listing.channels()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            metrics.reconciled(false);
            log.warn("QueueStatus/CoreShowChannels for reconcile {} failed: {}", token, e.toString());
        }
    }

    private void setState(AmiState s) {
        if (state != s) {
            state = s;
            stateSince = clock.instant();
        }
    }

    private boolean sleep(Duration d) {
        long jittered = (long) (d.toMillis() * ThreadLocalRandom.current().nextDouble(0.8, 1.2));
        try {
            Thread.sleep(Math.max(1, jittered));
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private static void join(Thread t) {
        try {
            t.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
