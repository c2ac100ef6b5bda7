package cn.jiesu.redis.callback;

import static cn.jiesu.testkit.MutableClock.beijing;
import static cn.jiesu.testkit.Stages.await;
import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.core.callback.AttemptDecision;
import cn.jiesu.core.callback.BreachForecast;
import cn.jiesu.core.callback.CallbackAttempt;
import cn.jiesu.core.callback.CallbackConfig;
import cn.jiesu.core.callback.CallbackDraft;
import cn.jiesu.core.callback.CallbackKind;
import cn.jiesu.core.callback.CallbackLeases;
import cn.jiesu.core.callback.CallbackMode;
import cn.jiesu.core.callback.CallbackOutcome;
import cn.jiesu.core.callback.CallbackPlanner;
import cn.jiesu.core.callback.CallbackRequest;
import cn.jiesu.core.callback.CallbackStatus;
import cn.jiesu.core.callback.CallbackStore;
import cn.jiesu.core.intake.IntakeIds;
import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.RedisConfig;
import cn.jiesu.redis.TestRedis;
import cn.jiesu.testkit.MutableClock;
import io.lettuce.core.api.sync.RedisCommands;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CallbackStoreIT {
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final String A = "gw-a";
    private static final String B = "gw-b";

    private MutableClock clock;
    private RedisClients clients;
    private CallbackKeys keys;
    private CallbackPlanner planner;
    private CallbackStore store;
    private CallbackLeases leases;
    private SimpleMeterRegistry registry;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(beijing("2026-03-10T10:00:00"), MutableClock.BEIJING);
        RedisConfig config = TestRedis.config("callbacks");
        registry = new SimpleMeterRegistry();
        clients = RedisClients.connect(config, registry);
        keys = new CallbackKeys(config.keyPrefix());
        planner = new CallbackPlanner(CallbackConfig.DEFAULT, clock);
        store = new RedisCallbackStore(clients, keys, planner, new IntakeIds(clock, new Random(1)), registry);
        leases = new RedisCallbackLeases(clients, keys, clock);
    }

    @AfterEach
    void tearDown() {
        clients.close();
    }

    private static CallbackDraft draft(String intake, CallbackKind kind, String notBefore, String deadline) {
        return new CallbackDraft(intake, kind, "13800138000", beijing(notBefore), beijing(deadline), false, null, null);
    }

    private static CallbackDraft citizenFirst(String intake, String number, String deadline) {
        return new CallbackDraft(
                intake,
                CallbackKind.CALLBACK_REQUESTED,
                number,
                beijing("2026-03-10T09:00:00"),
                beijing(deadline),
                false,
                CallbackMode.CITIZEN_FIRST,
                null);
    }

    private List<CallbackAttempt> claim(String owner, int max, int cap) {
        return await(leases.claim(owner, max, cap, planner.config().window().isOpen(clock.instant()), Map.of(), LEASE))
                .attempts();
    }

    @Test
    @DisplayName("One open callback per appeal and number: a second request updates the first, a repeat is a no-op")
    void oneOpenPerAppeal() {
        CallbackStore.Scheduled first = await(store.schedule(
                draft("I1", CallbackKind.CALLBACK_REQUESTED, "2026-03-10T10:00:00", "2026-03-10T12:00:00")));
        assertThat(first.created()).isTrue();
        // An open callback never expires (the scheduler still needs it); a final one does.
        assertThat(clients.shared().sync().pttl(keys.callback(first.callback().callbackId())))
                .isEqualTo(-1);
        CallbackStore.Scheduled repeat = await(store.schedule(
                draft("I1", CallbackKind.CALLBACK_REQUESTED, "2026-03-10T10:00:00", "2026-03-10T12:00:00")));
        assertThat(repeat).isEqualTo(new CallbackStore.Scheduled(first.callback(), false, false));
        CallbackStore.Scheduled earlier = await(store.schedule(
                draft("I1", CallbackKind.CALLBACK_REQUESTED, "2026-03-10T10:00:00", "2026-03-10T11:00:00")));
        assertThat(earlier.created()).isFalse();
        assertThat(earlier.callback().callbackId()).isEqualTo(first.callback().callbackId());
        assertThat(await(store.get(first.callback().callbackId())).orElseThrow().deadline())
                .isEqualTo(beijing("2026-03-10T11:00:00"));
        assertThat(await(store.byIntake("I1"))).hasSize(1);
        assertThat(await(store.openByPhone("+86 138 0013 8000"))).hasSize(1);
        assertThat(registry.get("callbacks.scheduled")
                        .tag("kind", "callback_requested")
                        .counter()
                        .count())
                .isEqualTo(1.0);
    }

    @Test
    @DisplayName("Concurrent requests for one appeal end as one callback")
    void concurrentSchedules() {
        List<CompletableFuture<CallbackStore.Scheduled>> all = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            all.add(store.schedule(draft(
                            "I2",
                            CallbackKind.CALLBACK_REQUESTED,
                            "2026-03-10T10:00:00",
                            "2026-03-10T11:" + String.format("%02d", 59 - i) + ":00"))
                    .toCompletableFuture());
        }
        Set<String> ids = new HashSet<>();
        all.forEach(f -> ids.add(f.join().callback().callbackId()));
        assertThat(ids).hasSize(1);
        assertThat(await(store.get(ids.iterator().next())).orElseThrow().deadline())
                .isEqualTo(beijing("2026-03-10T11:40:00"));
    }

    @Test
    @DisplayName("Claims go earliest deadline first, not first come, and never beyond the trunk cap")
    void edfAndTrunkCap() {
        await(store.schedule(citizenFirst("late", "13900000001", "2026-03-10T11:50:00")));
        await(store.schedule(citizenFirst("soon", "13900000002", "2026-03-10T10:30:00")));
        await(store.schedule(citizenFirst("mid", "13900000003", "2026-03-10T11:00:00")));
        List<CallbackAttempt> two = claim(A, 10, 2);
        assertThat(two).extracting(CallbackAttempt::intakeId).containsExactly("soon", "mid");
        assertThat(claim(B, 10, 2)).isEmpty();
        assertThat(await(leases.trunksInUse())).isEqualTo(2);
        assertThat(two.get(0).channelId()).isEqualTo("cb-" + two.get(0).callbackId() + "-1");
        await(leases.complete(
                two.get(0),
                CallbackOutcome.ANSWERED,
                clock.instant(),
                new AttemptDecision.Final(CallbackStatus.REACHED)));
        assertThat(claim(B, 10, 2)).extracting(CallbackAttempt::intakeId).containsExactly("late");
    }

    @Test
    @DisplayName("Agent-first callbacks are claimed only while their queue has unreserved free agents")
    void agentLimit() {
        for (int i = 0; i < 3; i++) {
            await(store.schedule(
                    draft("ag" + i, CallbackKind.RETURN_VISIT, "2026-03-10T09:00:00", "2026-03-10T11:0" + i + ":00")));
        }
        await(store.schedule(citizenFirst("cf", "13900000009", "2026-03-10T11:30:00")));
        List<CallbackAttempt> got = await(leases.claim(A, 10, 30, true, Map.of("general", 1), LEASE))
                .attempts();
        assertThat(got).extracting(CallbackAttempt::intakeId).containsExactly("ag0", "cf");
        assertThat(await(leases.claim(B, 10, 30, true, Map.of("general", 1), LEASE))
                        .attempts())
                .isEmpty();
        assertThat(await(leases.claim(B, 10, 30, true, Map.of("general", 2), LEASE))
                        .attempts())
                .extracting(CallbackAttempt::intakeId)
                .containsExactly("ag1");
    }

    @Test
    @DisplayName("Completion is idempotent per attempt; a retry waits in the delayed set until its time")
    void completeAndRetry() {
        await(store.schedule(citizenFirst("r1", "13900000011", "2026-03-10T12:00:00")));
        CallbackAttempt a = claim(A, 1, 5).get(0);
        AttemptDecision d = planner.decide(a, CallbackOutcome.BUSY, clock.instant());
        assertThat(await(leases.complete(a, CallbackOutcome.BUSY, clock.instant(), d))
                        .applied())
                .isTrue();
        assertThat(await(leases.complete(a, CallbackOutcome.BUSY, clock.instant(), d)))
                .isEqualTo(new CallbackLeases.Completion(false, "duplicate"));
        assertThat(await(leases.trunksInUse())).isZero();
        assertThat(claim(A, 1, 5)).isEmpty();
        assertThat(await(leases.nextDue())).contains(beijing("2026-03-10T10:10:00"));
        clock.advance(Duration.ofMinutes(10));
        CallbackAttempt second = claim(B, 1, 5).get(0);
        assertThat(second.attempt()).isEqualTo(2);
        assertThat(second.priorAttempts()).isEqualTo(1);
        await(leases.complete(
                second,
                CallbackOutcome.ANSWERED,
                clock.instant(),
                planner.decide(second, CallbackOutcome.ANSWERED, clock.instant())));
        CallbackRequest done = await(store.get(a.callbackId())).orElseThrow();
        assertThat(done.status()).isEqualTo(CallbackStatus.REACHED);
        assertThat(done.history())
                .extracting(h -> h.outcome())
                .containsExactly(CallbackOutcome.BUSY, CallbackOutcome.ANSWERED);
        assertThat(done.history()).extracting(h -> h.instance()).containsExactly(A, B);
        assertThat(await(store.openByPhone("13900000011"))).isEmpty();
        // A final callback's record and the appeal's list of callbacks expire with the appeal retention (400 d).
        RedisCommands<String, String> redis = clients.shared().sync();
        long keep = clients.config().appealRetentionMillis();
        assertThat(redis.pttl(keys.callback(a.callbackId()))).isBetween(keep - 60_000, keep);
        assertThat(redis.pttl(keys.byIntake("r1"))).isBetween(keep - 60_000, keep);
        // closed: a new request for the same appeal creates a new callback
        assertThat(await(store.schedule(citizenFirst("r1", "13900000011", "2026-03-10T13:00:00")))
                        .created())
                .isTrue();
    }

    @Test
    @DisplayName("An agent's click-to-call is recorded: busy pushes the next automatic attempt out, answered closes it")
    void agentAttempts() {
        String id = await(store.schedule(citizenFirst("ag", "13900000051", "2026-03-10T12:00:00")))
                .callback()
                .callbackId();
        assertThat(await(store.agentAttempt(id, "8001", CallbackOutcome.BUSY, clock.instant())))
                .contains(CallbackStatus.PENDING);
        assertThat(claim(A, 5, 5)).isEmpty();
        assertThat(await(leases.nextDue())).contains(beijing("2026-03-10T10:10:00"));
        assertThat(await(store.agentAttempt(id, "8001", CallbackOutcome.ANSWERED, clock.instant())))
                .contains(CallbackStatus.REACHED);
        CallbackRequest r = await(store.get(id)).orElseThrow();
        assertThat(r.history()).extracting(h -> h.instance()).containsExactly("agent:8001", "agent:8001");
        assertThat(r.attempts()).isEqualTo(2);
        assertThat(await(store.openByPhone("13900000051"))).isEmpty();
        assertThat(clients.shared().sync().pttl(keys.callback(id))).isPositive(); // final: expires with the appeal
        assertThat(await(store.agentAttempt(id, "8001", CallbackOutcome.ANSWERED, clock.instant())))
                .isEmpty();
        clock.advance(Duration.ofMinutes(10));
        assertThat(claim(A, 5, 5)).isEmpty();
    }

    @Test
    @DisplayName("Non-emergency callbacks wait out quiet hours; emergencies are claimed at night")
    void quietHours() {
        clock.set(beijing("2026-03-10T20:50:00"));
        await(store.schedule(citizenFirst("night", "13900000021", "2026-03-11T12:00:00")));
        await(store.schedule(new CallbackDraft(
                "fire",
                CallbackKind.CALLBACK_REQUESTED,
                "13900000022",
                beijing("2026-03-10T20:50:00"),
                beijing("2026-03-10T22:50:00"),
                true,
                CallbackMode.CITIZEN_FIRST,
                null)));
        clock.set(beijing("2026-03-10T21:30:00"));
        assertThat(claim(A, 10, 10)).extracting(CallbackAttempt::intakeId).containsExactly("fire");
        clock.set(beijing("2026-03-11T07:59:59"));
        assertThat(claim(A, 10, 10)).isEmpty();
        clock.set(beijing("2026-03-11T08:00:00"));
        assertThat(claim(A, 10, 10)).extracting(CallbackAttempt::intakeId).containsExactly("night");
    }

    @Test
    @DisplayName("An expired lease can be taken over once, keeping the trunk slot; a never-started attempt is redialed")
    void takeOverAndRequeue() {
        await(store.schedule(citizenFirst("t1", "13900000031", "2026-03-10T12:00:00")));
        CallbackAttempt a = claim(A, 1, 1).get(0);
        assertThat(await(leases.expired(10))).isEmpty();
        clock.advance(LEASE.plusSeconds(1));
        List<CallbackAttempt> expired = await(leases.expired(10));
        assertThat(expired).extracting(CallbackAttempt::channelId).containsExactly(a.channelId());
        assertThat(await(leases.takeOver(expired.get(0), B, LEASE))).isTrue();
        assertThat(await(leases.takeOver(expired.get(0), "gw-c", LEASE))).isFalse();
        assertThat(await(leases.trunksInUse())).isEqualTo(1);
        assertThat(await(leases.renew(A, List.of(a.callbackId()), LEASE))).containsExactly(a.callbackId());
        assertThat(await(leases.completeNeverStarted(expired.get(0), clock.instant()))
                        .applied())
                .isTrue();
        CallbackAttempt again = claim(B, 1, 1).get(0);
        assertThat(again.attempt()).isEqualTo(2);
        assertThat(again.priorAttempts()).isZero();
        // the zombie's late completion of attempt 1 changes nothing
        assertThat(await(leases.complete(
                                a,
                                CallbackOutcome.ANSWERED,
                                clock.instant(),
                                new AttemptDecision.Final(CallbackStatus.REACHED)))
                        .applied())
                .isFalse();
        assertThat(await(store.get(a.callbackId())).orElseThrow().status()).isEqualTo(CallbackStatus.DIALING);
    }

    @Test
    @DisplayName("A survey arriving while the return visit is being dialed takes over after that attempt")
    void updateWhileDialing() {
        await(store.schedule(draft("u1", CallbackKind.RETURN_VISIT, "2026-03-10T10:00:00", "2026-03-10T12:00:00")));
        CallbackAttempt a = claim(A, 1, 5).get(0);
        await(store.schedule(draft("u1", CallbackKind.SURVEY, "2026-03-10T10:00:00", "2026-03-11T10:00:00")));
        await(leases.complete(
                a, CallbackOutcome.ANSWERED, clock.instant(), new AttemptDecision.Final(CallbackStatus.REACHED)));
        CallbackRequest r = await(store.get(a.callbackId())).orElseThrow();
        assertThat(r.kind()).isEqualTo(CallbackKind.SURVEY);
        assertThat(r.status()).isEqualTo(CallbackStatus.PENDING);
        assertThat(r.attempts()).isZero();
        assertThat(claim(B, 1, 5)).extracting(CallbackAttempt::kind).containsExactly(CallbackKind.SURVEY);
    }

    @Test
    @DisplayName("The forecast backlog lists pending callbacks; the at-risk set is replaced as a whole")
    void atRisk() {
        for (int i = 0; i < 5; i++) {
            await(store.schedule(citizenFirst("k" + i, "1390000004" + i, "2026-03-10T10:1" + i + ":00")));
        }
        List<BreachForecast.Item> backlog = await(leases.backlog(clock.instant().plus(Duration.ofHours(6)), 1000));
        assertThat(backlog).hasSize(5);
        List<BreachForecast.Risk> risks = new BreachForecast(planner.config().window(), 1, Duration.ofMinutes(5))
                .atRisk(backlog, clock.instant(), 0);
        // one trunk, 5-minute calls from 10:00: k0..k2 start 10:00, 10:05, 10:10; k3 (10:13) and k4 (10:14) cannot
        assertThat(risks).hasSize(2);
        await(leases.replaceAtRisk(risks, A));
        assertThat(await(store.atRisk(100)))
                .extracting(CallbackRequest::intakeId)
                .containsExactly("k3", "k4");
        assertThat(await(leases.tryForecastLock(A, Duration.ofSeconds(10)))).isTrue();
        assertThat(await(leases.tryForecastLock(B, Duration.ofSeconds(10)))).isFalse();
        await(leases.replaceAtRisk(List.of(), A));
        assertThat(await(leases.atRiskCount())).isZero();
    }
}
