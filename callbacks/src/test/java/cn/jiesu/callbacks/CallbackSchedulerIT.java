package cn.jiesu.callbacks;

import static cn.jiesu.testkit.MutableClock.beijing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.jiesu.core.callback.AgentAvailability;
import cn.jiesu.core.callback.AttemptProbe;
import cn.jiesu.core.callback.CallbackConfig;
import cn.jiesu.core.callback.CallbackDraft;
import cn.jiesu.core.callback.CallbackKind;
import cn.jiesu.core.callback.CallbackMode;
import cn.jiesu.core.callback.CallbackOutcome;
import cn.jiesu.core.callback.CallbackPlanner;
import cn.jiesu.core.callback.CallbackRequest;
import cn.jiesu.core.callback.CallbackStatus;
import cn.jiesu.core.callback.CallbackStore;
import cn.jiesu.core.callback.CallingWindow;
import cn.jiesu.core.callback.Dialer;
import cn.jiesu.core.intake.IntakeIds;
import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.RedisConfig;
import cn.jiesu.redis.callback.CallbackKeys;
import cn.jiesu.redis.callback.RedisCallbackLeases;
import cn.jiesu.redis.callback.RedisCallbackStore;
import cn.jiesu.testkit.MutableClock;
import cn.jiesu.testkit.TestEnv;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CallbackSchedulerIT {
    private static final CallingWindow ALWAYS_OPEN =
            new CallingWindow(CallingWindow.BEIJING, LocalTime.NOON, LocalTime.NOON, Set.of());

    private RedisClients clients;
    private CallbackKeys keys;
    private final List<CallbackScheduler> schedulers = new ArrayList<>();

    @BeforeEach
    void setUp() {
        RedisConfig config = RedisConfig.defaults(TestEnv.redisUri()).withKeyPrefix(TestEnv.uniquePrefix("cbsched"));
        clients = RedisClients.connect(config, new SimpleMeterRegistry());
        keys = new CallbackKeys(config.keyPrefix());
    }

    @AfterEach
    void tearDown() {
        schedulers.forEach(CallbackScheduler::halt);
        clients.close();
    }

    private static CallbackConfig config(CallingWindow window, int cap, Duration lease) {
        return CallbackConfig.DEFAULT
                .withWindow(window)
                .withCapacity(cap, Duration.ofMinutes(3), 20)
                .withTiming(lease, Duration.ofMillis(5), Duration.ofMillis(200), Duration.ofSeconds(1));
    }

    private CallbackStore store(CallbackConfig cfg, Clock clock) {
        return new RedisCallbackStore(
                clients,
                keys,
                new CallbackPlanner(cfg, clock),
                new IntakeIds(clock, new Random()),
                new SimpleMeterRegistry());
    }

    private CallbackScheduler scheduler(
            String name,
            CallbackConfig cfg,
            Clock clock,
            Dialer dialer,
            AttemptProbe probe,
            SimpleMeterRegistry registry) {
        CallbackScheduler s = new CallbackScheduler(
                name,
                cfg,
                new CallbackPlanner(cfg, clock),
                new RedisCallbackLeases(clients, keys, clock),
                dialer,
                probe,
                AgentAvailability.unlimited(),
                AttemptListener.NONE,
                registry,
                clock,
                1.0);
        schedulers.add(s);
        return s;
    }

    private static CallbackDraft draft(
            String intake, String number, Instant notBefore, Instant deadline, boolean emergency) {
        return new CallbackDraft(
                intake,
                CallbackKind.CALLBACK_REQUESTED,
                number,
                notBefore,
                deadline,
                emergency,
                CallbackMode.CITIZEN_FIRST,
                null);
    }

    private static <T> T get(java.util.concurrent.CompletionStage<T> s) throws Exception {
        return s.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private CallbackRequest callback(CallbackStore store, String id) throws Exception {
        return get(store.get(id)).orElseThrow();
    }

    @Test
    @DisplayName("Two instances, one killed mid-call: every callback is dialed exactly once")
    void killedMidCall() throws Exception {
        Clock clock = Clock.systemUTC();
        CallbackConfig cfg = config(ALWAYS_OPEN, 10, Duration.ofSeconds(2));
        CallbackStore store = store(cfg, clock);
        SimTelephony sim = new SimTelephony(Duration.ofMillis(400));
        String heldNumber = "13900000001";
        String neverNumber = "13900000002";
        sim.hold(heldNumber);
        // A dies between recording DIALING and sending the originate for this number: the dial never reaches the PBX.
        Dialer aDialer = a -> a.number().equals(neverNumber) ? new CompletableFuture<>() : sim.dial(a);
        SimpleMeterRegistry bMetrics = new SimpleMeterRegistry();
        CallbackScheduler a = scheduler("gw-a", cfg, clock, aDialer, sim, new SimpleMeterRegistry());
        CallbackScheduler b = scheduler("gw-b", cfg, clock, sim, sim, bMetrics);

        Instant now = clock.instant();
        List<String> ids = new ArrayList<>();
        String held = get(store.schedule(draft("held", heldNumber, now, now.plusSeconds(600), false)))
                .callback()
                .callbackId();
        String never = get(store.schedule(draft("never", neverNumber, now, now.plusSeconds(600), false)))
                .callback()
                .callbackId();
        ids.add(held);
        ids.add(never);
        a.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> a.inFlight() == 2);
        for (int i = 0; i < 30; i++) {
            ids.add(get(store.schedule(draft(
                            "bulk-" + i, "1380000" + String.format("%04d", i), now, now.plusSeconds(900 + i), false)))
                    .callback()
                    .callbackId());
        }
        a.wake();
        b.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> sim.dials() >= 8);
        a.halt();

        await().atMost(Duration.ofSeconds(15))
                .until(() -> bMetrics.find("callbacks.reclaimed")
                                .tag("result", "in_progress")
                                .counter()
                        != null);
        sim.release(heldNumber);
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            for (String id : ids) {
                if (callback(store, id).status() != CallbackStatus.REACHED) {
                    return false;
                }
            }
            return true;
        });
        assertThat(sim.dialsPerCallback()).hasSize(32);
        assertThat(sim.dialsPerCallback().values()).allMatch(n -> n == 1);
        assertThat(sim.maxConcurrent()).isLessThanOrEqualTo(10);
        CallbackRequest neverStarted = callback(store, never);
        assertThat(neverStarted.history()).extracting(h -> h.outcome()).containsExactly(null, CallbackOutcome.ANSWERED);
        assertThat(neverStarted.history().get(1).instance()).isEqualTo("gw-b");
        CallbackRequest heldCall = callback(store, held);
        assertThat(heldCall.history()).hasSize(1);
        assertThat(heldCall.history().get(0).instance()).isEqualTo("gw-a");
        assertThat(bMetrics.get("callbacks.reclaimed")
                        .tag("result", "never_started")
                        .counter()
                        .count())
                .isEqualTo(1.0);
    }

    @Test
    @DisplayName("Two instances never exceed the trunk cap together, and every callback is placed once")
    void trunkCap() throws Exception {
        Clock clock = Clock.systemUTC();
        CallbackConfig cfg = config(ALWAYS_OPEN, 5, Duration.ofSeconds(5));
        CallbackStore store = store(cfg, clock);
        SimTelephony sim = new SimTelephony(Duration.ofMillis(100));
        CallbackScheduler a = scheduler("gw-a", cfg, clock, sim, sim, new SimpleMeterRegistry());
        CallbackScheduler b = scheduler("gw-b", cfg, clock, sim, sim, new SimpleMeterRegistry());
        a.start();
        b.start();
        Instant now = clock.instant();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            ids.add(get(store.schedule(
                            draft("cap-" + i, "1370000" + String.format("%04d", i), now, now.plusSeconds(600), false)))
                    .callback()
                    .callbackId());
        }
        a.wake();
        b.wake();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> sim.dialsPerCallback().size() == 60 && sim.concurrent() == 0);
        assertThat(sim.maxConcurrent()).isBetween(2, 5);
        assertThat(sim.dialsPerCallback().values()).allMatch(n -> n == 1);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> callback(store, ids.get(59)).status() == CallbackStatus.REACHED);
    }

    @Test
    @DisplayName("Quiet hours under a test clock: at 21:30 only the emergency is dialed; the rest at 08:00")
    void quietHours() throws Exception {
        MutableClock clock = new MutableClock(beijing("2026-03-10T20:50:00"), MutableClock.BEIJING);
        CallbackConfig cfg = config(CallingWindow.DEFAULT, 5, Duration.ofSeconds(5));
        CallbackStore store = store(cfg, clock);
        SimTelephony sim = new SimTelephony(Duration.ofMillis(50));
        String early = get(store.schedule(
                        draft("early", "13600000001", clock.instant(), beijing("2026-03-11T12:00:00"), false)))
                .callback()
                .callbackId();
        clock.set(beijing("2026-03-10T21:30:00"));
        String late = get(store.schedule(
                        draft("late", "13600000002", clock.instant(), beijing("2026-03-11T12:00:00"), false)))
                .callback()
                .callbackId();
        String fire = get(store.schedule(
                        draft("fire", "13600000003", clock.instant(), beijing("2026-03-10T23:30:00"), true)))
                .callback()
                .callbackId();
        assertThat(callback(store, late).notBefore()).isEqualTo(beijing("2026-03-11T08:00:00"));
        CallbackScheduler s = scheduler("gw-a", cfg, clock, sim, sim, new SimpleMeterRegistry());
        s.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> sim.dialsPerCallback().containsKey(fire));
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(2)).until(() -> sim.dials() == 1);
        clock.set(beijing("2026-03-11T07:59:59"));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> sim.dials() == 1);
        clock.set(beijing("2026-03-11T08:00:00"));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> sim.dialsPerCallback().keySet().containsAll(List.of(early, late)));
    }

    @Test
    @DisplayName("Retries follow the outcome: busy and no-answer retry 10 minutes later; 3 congestions give up")
    void retriesPerOutcome() throws Exception {
        MutableClock clock = new MutableClock(beijing("2026-03-10T10:00:00"), MutableClock.BEIJING);
        CallbackConfig cfg = config(CallingWindow.DEFAULT, 5, Duration.ofSeconds(5));
        CallbackStore store = store(cfg, clock);
        SimTelephony sim = new SimTelephony(Duration.ofMillis(50));
        sim.script("13500000001", CallbackOutcome.BUSY, CallbackOutcome.NO_ANSWER, CallbackOutcome.ANSWERED);
        sim.script(
                "13500000002",
                CallbackOutcome.CONGESTION,
                CallbackOutcome.CONGESTION,
                CallbackOutcome.CONGESTION,
                CallbackOutcome.ANSWERED);
        sim.script("13500000003", CallbackOutcome.MACHINE, CallbackOutcome.ANSWERED);
        String reached = get(store.schedule(
                        draft("r1", "13500000001", clock.instant(), beijing("2026-03-10T12:00:00"), false)))
                .callback()
                .callbackId();
        String congested = get(store.schedule(
                        draft("r2", "13500000002", clock.instant(), beijing("2026-03-10T12:00:00"), false)))
                .callback()
                .callbackId();
        String tight = get(store.schedule(
                        draft("r3", "13500000003", clock.instant(), beijing("2026-03-10T10:05:00"), false)))
                .callback()
                .callbackId();
        CallbackScheduler s = scheduler("gw-a", cfg, clock, sim, sim, new SimpleMeterRegistry());
        s.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> sim.dials() == 3 && sim.concurrent() == 0);
        // the answering machine's callback has no time left for a retry before its 10:05 deadline
        await().atMost(Duration.ofSeconds(5)).until(() -> callback(store, tight).status() == CallbackStatus.UNREACHED);
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2)).until(() -> sim.dials() == 3);
        clock.advance(Duration.ofMinutes(10));
        s.wake();
        await().atMost(Duration.ofSeconds(5)).until(() -> sim.dials() == 5 && sim.concurrent() == 0);
        clock.advance(Duration.ofMinutes(10));
        s.wake();
        await().atMost(Duration.ofSeconds(5)).until(() -> sim.dials() == 7 && sim.concurrent() == 0);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> !callback(store, congested).isOpen()
                        && !callback(store, reached).isOpen());
        assertThat(callback(store, reached).status()).isEqualTo(CallbackStatus.REACHED);
        assertThat(callback(store, reached).history())
                .extracting(h -> h.outcome())
                .containsExactly(CallbackOutcome.BUSY, CallbackOutcome.NO_ANSWER, CallbackOutcome.ANSWERED);
        assertThat(callback(store, congested).status()).isEqualTo(CallbackStatus.UNREACHED);
        assertThat(callback(store, congested).attempts()).isEqualTo(3);
        assertThat(callback(store, tight).history())
                .extracting(h -> h.outcome())
                .containsExactly(CallbackOutcome.MACHINE);
    }

    @Test
    @DisplayName("A dial that could not be placed (telephony down) is re-queued without spending an attempt")
    void notPlaced() throws Exception {
        Clock clock = Clock.systemUTC();
        CallbackConfig cfg = config(ALWAYS_OPEN, 5, Duration.ofSeconds(5));
        CallbackStore store = store(cfg, clock);
        SimTelephony sim = new SimTelephony(Duration.ofMillis(50));
        java.util.concurrent.atomic.AtomicInteger refusals = new java.util.concurrent.atomic.AtomicInteger(2);
        Dialer flaky = a -> refusals.getAndDecrement() > 0
                ? CompletableFuture.failedFuture(new cn.jiesu.core.callback.NotPlacedException("AMI is down", null))
                : sim.dial(a);
        CallbackScheduler s = scheduler("gw-a", cfg, clock, flaky, sim, new SimpleMeterRegistry());
        Instant now = clock.instant();
        String id = get(store.schedule(draft("down", "13300000001", now, now.plusSeconds(600), false)))
                .callback()
                .callbackId();
        s.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> callback(store, id).status() == CallbackStatus.REACHED);
        CallbackRequest r = callback(store, id);
        assertThat(r.attempts()).isEqualTo(1);
        assertThat(r.history()).extracting(h -> h.outcome()).containsExactly(null, null, CallbackOutcome.ANSWERED);
        assertThat(sim.dials()).isEqualTo(1);
    }

    @Test
    @DisplayName("A backlog beyond the trunks' capacity is flagged at risk before the deadline passes")
    void preBreach() throws Exception {
        MutableClock clock = new MutableClock(beijing("2026-03-10T10:00:00"), MutableClock.BEIJING);
        CallbackConfig cfg = CallbackConfig.DEFAULT.withCapacity(1, Duration.ofMinutes(10), 20);
        CallbackStore store = store(cfg, clock);
        for (int i = 0; i < 10; i++) {
            get(store.schedule(
                    draft("risk-" + i, "1340000000" + i, clock.instant(), beijing("2026-03-10T10:30:00"), false)));
        }
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        BreachWatch watch =
                new BreachWatch("gw-a", cfg, new RedisCallbackLeases(clients, keys, clock), registry, clock, true);
        // one trunk, 10-minute calls: starts at 10:00, 10:10, 10:20, 10:30 fit; six cannot
        assertThat(watch.forecastOnce()).isEqualTo(6);
        assertThat(watch.forecastOnce()).isEqualTo(-1); // another instance's turn this interval
        watch.refreshGauges();
        assertThat(registry.get("callbacks.at.risk").gauge().value()).isEqualTo(6.0);
        assertThat(get(store.atRisk(100)))
                .hasSize(6)
                .allMatch(r -> clock.instant().isBefore(r.deadline()));
    }
}
