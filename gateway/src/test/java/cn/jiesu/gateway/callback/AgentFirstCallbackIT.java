package cn.jiesu.gateway.callback;

import static cn.jiesu.gateway.support.TestServices.require;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.jiesu.callbacks.AmiDialer;
import cn.jiesu.callbacks.AttemptListener;
import cn.jiesu.callbacks.CallbackScheduler;
import cn.jiesu.callbacks.OutboundCalls;
import cn.jiesu.core.callback.AgentAvailability;
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
import cn.jiesu.core.callback.RetryPolicy;
import cn.jiesu.core.intake.IntakeIds;
import cn.jiesu.core.sla.SlaPolicy;
import cn.jiesu.gateway.support.UsesAsteriskLab;
import cn.jiesu.ivr.ami.AmiConfig;
import cn.jiesu.ivr.ami.AmiConnector;
import cn.jiesu.ivr.ami.AmiState;
import cn.jiesu.ivr.call.CallEvent;
import cn.jiesu.ivr.call.CallEventSink;
import cn.jiesu.ivr.call.CallIntakeFactory;
import cn.jiesu.ivr.call.CallTracker;
import cn.jiesu.ivr.call.TrackerSettings;
import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.RedisConfig;
import cn.jiesu.redis.callback.CallbackKeys;
import cn.jiesu.redis.callback.RedisCallbackLeases;
import cn.jiesu.redis.callback.RedisCallbackStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.asteriskjava.manager.action.QueuePauseAction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Agent-first callbacks on the real Asterisk lab: the dialer rings the target queue first (extensions.conf
 * {@code [callback-agents]}), a simulated agent answers, then {@code [callback-bridge]} dials the citizen; the free
 * agents the call tracker counts from AMI decide whether an agent-first callback is placed at all.
 */
@UsesAsteriskLab
class AgentFirstCallbackIT {
    private static final CallingWindow ALWAYS_OPEN =
            new CallingWindow(CallingWindow.BEIJING, LocalTime.NOON, LocalTime.NOON, Set.of());
    private static final String GENERAL = "hotline-general";
    private static final List<String> AGENTS = List.of("8001", "8002", "8003", "8004", "8005");

    private final Clock clock = Clock.systemUTC();
    private final List<CallEvent> events = new CopyOnWriteArrayList<>();
    private RedisClients clients;
    private CallbackKeys keys;
    private AmiConnector ami;
    private OutboundCalls outbound;
    private CallTracker tracker;
    private CallbackScheduler scheduler;
    private boolean paused;

    @BeforeEach
    void setUp() {
        RedisConfig redis = RedisConfig.defaults(URI.create(require("JIESU_TEST_REDIS_URI")))
                .withKeyPrefix("test:cbagent:" + UUID.randomUUID().toString().substring(0, 8) + ":");
        clients = RedisClients.connect(redis, new SimpleMeterRegistry());
        keys = new CallbackKeys(redis.keyPrefix());
        outbound = new OutboundCalls(clock);
        TrackerSettings settings = TrackerSettings.DEFAULTS;
        tracker = new CallTracker(
                settings,
                new CallIntakeFactory(settings, SlaPolicy.BEIJING, new IntakeIds(clock, new Random())),
                intake -> {},
                clock,
                new SimpleMeterRegistry());
        CallEventSink chain = outbound.behind(tracker);
        CallEventSink recording = new CallEventSink() {
            @Override
            public void apply(CallEvent event) {
                events.add(event);
                chain.apply(event);
            }

            @Override
            public void tick() {
                chain.tick();
            }
        };
        AmiConfig config = new AmiConfig(
                require("JIESU_TEST_AMI_HOST"),
                Integer.parseInt(require("JIESU_TEST_AMI_PORT")),
                require("JIESU_TEST_AMI_USERNAME"),
                require("JIESU_TEST_AMI_SECRET"),
                Duration.ofSeconds(2),
                Duration.ofSeconds(4),
                Duration.ofSeconds(1),
                Duration.ofMillis(100),
                Duration.ofSeconds(1),
                4096,
                Duration.ofSeconds(4),
                Duration.ofSeconds(30));
        ami = new AmiConnector(config, recording, clock, new SimpleMeterRegistry());
        ami.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> ami.state() == AmiState.UP);
        // the first QueueStatus listing has arrived: before it, the tracker counts no free agent anywhere
        await().atMost(Duration.ofSeconds(30))
                .until(() -> events.stream().anyMatch(e -> e instanceof CallEvent.QueueMembersListed));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (scheduler != null) {
            scheduler.halt();
        }
        if (paused) {
            pauseAll(false);
        }
        ami.close();
        clients.close();
    }

    private CallbackConfig config() {
        return CallbackConfig.DEFAULT
                .withWindow(ALWAYS_OPEN)
                .withRetry(RetryPolicy.uniform(Duration.ofSeconds(1), 2))
                .withCapacity(10, Duration.ofSeconds(10), 20)
                .withTiming(
                        Duration.ofSeconds(15), Duration.ofMillis(5), Duration.ofMillis(200), Duration.ofSeconds(5));
    }

    private CallbackStore store(CallbackConfig cfg) {
        return new RedisCallbackStore(
                clients,
                keys,
                new CallbackPlanner(cfg, clock),
                new IntakeIds(clock, new Random()),
                new SimpleMeterRegistry());
    }

    /** The agent stays on the line {@code hold} s (the leading underscore lets the queue's agent inherit it). */
    private void startScheduler(CallbackConfig cfg, Duration ring, int hold) {
        startScheduler(cfg, ring, hold, tracker::freeAgents);
    }

    private void startScheduler(CallbackConfig cfg, Duration ring, int hold, AgentAvailability agents) {
        AmiDialer.Settings dial = LabDial.SETTINGS.with(ring, Map.of("_HOLD", Integer.toString(hold)));
        scheduler = new CallbackScheduler(
                "lab-agent-first",
                cfg,
                new CallbackPlanner(cfg, clock),
                new RedisCallbackLeases(clients, keys, clock),
                new AmiDialer(ami, outbound, dial),
                outbound,
                agents,
                AttemptListener.NONE,
                new SimpleMeterRegistry(),
                clock,
                1.0);
        scheduler.start();
    }

    private String schedule(CallbackStore store, String intake, String callee) throws Exception {
        return store.schedule(new CallbackDraft(
                        intake,
                        CallbackKind.CALLBACK_REQUESTED,
                        callee,
                        clock.instant(),
                        clock.instant().plusSeconds(900),
                        false,
                        CallbackMode.AGENT_FIRST,
                        null))
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS)
                .callback()
                .callbackId();
    }

    private CallbackRequest get(CallbackStore store, String id) throws Exception {
        return store.get(id).toCompletableFuture().get(10, TimeUnit.SECONDS).orElseThrow();
    }

    private void pauseAll(boolean pause) throws Exception {
        paused = pause;
        for (String agent : AGENTS) {
            var r = ami.send(new QueuePauseAction("Local/" + agent + "@agent-sim/n", GENERAL, pause))
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            assertThat(r.getResponse()).as("QueuePause " + agent).isEqualTo("Success");
        }
    }

    private List<CallEvent> eventsOf(String linkedid) {
        return events.stream()
                .filter(e -> e instanceof CallEvent.OnChannel o
                        && o.channel().linkedid().equals(linkedid))
                .toList();
    }

    @Test
    @DisplayName("A queue agent answers first, then the citizen is dialed: answered is REACHED; busy and no answer"
            + " are retried and end UNREACHED")
    void agentAnswersThenCitizen() throws Exception {
        CallbackConfig cfg = config();
        CallbackStore store = store(cfg);
        Map<String, String> ids = new LinkedHashMap<>();
        for (String callee : List.of("answer", "busy", "noanswer")) {
            ids.put(callee, schedule(store, "af-" + callee, callee));
        }
        startScheduler(cfg, Duration.ofSeconds(5), 10);
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    for (String id : ids.values()) {
                        if (get(store, id).isOpen()) {
                            return false;
                        }
                    }
                    return true;
                });

        CallbackRequest answered = get(store, ids.get("answer"));
        assertThat(answered.status()).isEqualTo(CallbackStatus.REACHED);
        assertThat(answered.history()).extracting(h -> h.outcome()).containsExactly(CallbackOutcome.ANSWERED);
        assertThat(get(store, ids.get("busy")).history())
                .extracting(h -> h.outcome())
                .containsExactly(CallbackOutcome.BUSY, CallbackOutcome.BUSY);
        assertThat(get(store, ids.get("noanswer")).history())
                .extracting(h -> h.outcome())
                .containsExactly(CallbackOutcome.NO_ANSWER, CallbackOutcome.NO_ANSWER);
        assertThat(get(store, ids.get("busy")).status()).isEqualTo(CallbackStatus.UNREACHED);
        assertThat(get(store, ids.get("noanswer")).status()).isEqualTo(CallbackStatus.UNREACHED);

        // On Asterisk: the queue connected an agent before our channel dialed the citizen.
        String channelId = "jiesu-ob-cb-" + ids.get("answer") + "-1";
        List<CallEvent> call = eventsOf(channelId);
        int agentUp = indexOf(
                call,
                e -> e instanceof CallEvent.AgentConnected a
                        && a.queue().equals(GENERAL)
                        && a.agentInterface().matches("Local/80\\d\\d@agent-sim/n"));
        int citizenDialed = indexOf(
                call,
                e -> e instanceof CallEvent.DialStarted d
                        && channelId.equals(d.callerUniqueid())
                        && d.channel().name().startsWith("Local/answer@callee-sim"));
        int citizenAnswered = indexOf(
                call,
                e -> e instanceof CallEvent.DialEnded d
                        && channelId.equals(d.callerUniqueid())
                        && "ANSWER".equals(d.dialStatus()));
        assertThat(agentUp).as("AgentConnect in %s", GENERAL).isNotNegative();
        assertThat(citizenDialed)
                .as("Dial of the citizen after the agent answered")
                .isGreaterThan(agentUp);
        assertThat(citizenAnswered).isGreaterThan(citizenDialed);
        await().atMost(Duration.ofSeconds(30)).until(() -> outbound.live() == 0);
    }

    @Test
    @DisplayName("With every agent of the queue paused no agent-first callback is placed; unpaused, it is")
    void noFreeAgentNoOrigination() throws Exception {
        CallbackConfig cfg = config();
        CallbackStore store = store(cfg);
        pauseAll(true);
        await().atMost(Duration.ofSeconds(30)).until(() -> tracker.freeAgents().get("general") == 0);
        String id = schedule(store, "af-paused", "answer");
        startScheduler(cfg, Duration.ofSeconds(5), 3);
        String prefix = "jiesu-ob-cb-" + id + "-";

        // Not placed: still pending, no attempt, and Asterisk never saw a channel of it.
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(30)).until(() -> {
            CallbackRequest r = get(store, id);
            return r.status() == CallbackStatus.PENDING
                    && r.history().isEmpty()
                    && events.stream()
                            .noneMatch(e -> e instanceof CallEvent.OnChannel o
                                    && o.channel().linkedid().startsWith(prefix));
        });

        pauseAll(false);
        // (agents still on another test's call count as busy until they hang up)
        await().atMost(Duration.ofSeconds(90)).until(() -> tracker.freeAgents().get("general") > 0);
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> get(store, id).status() == CallbackStatus.REACHED);
        assertThat(get(store, id).history()).extracting(h -> h.outcome()).containsExactly(CallbackOutcome.ANSWERED);
    }

    @Test
    @DisplayName("Without the free-agent gate, an agent leg nobody answers is no attempt on the citizen")
    void unansweredAgentLegIsNotAnAttempt() throws Exception {
        CallbackConfig cfg = config();
        CallbackStore store = store(cfg);
        pauseAll(true);
        await().atMost(Duration.ofSeconds(30)).until(() -> tracker.freeAgents().get("general") == 0);
        String id = schedule(store, "af-nobody", "answer");
        startScheduler(cfg, Duration.ofSeconds(2), 3, AgentAvailability.unlimited());
        String prefix = "jiesu-ob-cb-" + id + "-";

        // The agent leg rang out in the queue at least twice: more than the retry budget of 2, yet nothing spent.
        await().atMost(Duration.ofSeconds(60))
                .until(() -> events.stream()
                                .filter(e -> e instanceof CallEvent.OriginateResponded r
                                        && r.actionId().startsWith(prefix)
                                        && !r.success())
                                .count()
                        >= 3);
        pauseAll(false);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> get(store, id).status() == CallbackStatus.REACHED);
        // the rung-out agent legs are in the history as never started (no outcome), the citizen's call as answered
        CallbackRequest done = get(store, id);
        assertThat(done.history()).filteredOn(h -> h.outcome() == null).hasSizeGreaterThanOrEqualTo(3);
        assertThat(done.history())
                .filteredOn(h -> h.outcome() != null)
                .extracting(h -> h.outcome())
                .containsExactly(CallbackOutcome.ANSWERED);
    }

    private static int indexOf(List<CallEvent> events, java.util.function.Predicate<CallEvent> p) {
        for (int i = 0; i < events.size(); i++) {
            if (p.test(events.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
