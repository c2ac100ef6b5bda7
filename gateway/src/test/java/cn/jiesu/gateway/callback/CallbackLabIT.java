package cn.jiesu.gateway.callback;

import static cn.jiesu.gateway.support.TestServices.require;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.jiesu.callbacks.AmiDialer;
import cn.jiesu.callbacks.AttemptListener;
import cn.jiesu.callbacks.CallbackScheduler;
import cn.jiesu.callbacks.OutboundCalls;
import cn.jiesu.callbacks.SurveyRecorder;
import cn.jiesu.core.appeal.Satisfaction;
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
import cn.jiesu.core.rates.RateStore;
import cn.jiesu.gateway.support.UsesAsteriskLab;
import cn.jiesu.ivr.agi.AgiConfig;
import cn.jiesu.ivr.agi.IvrAgiServer;
import cn.jiesu.ivr.ami.AmiConfig;
import cn.jiesu.ivr.ami.AmiConnector;
import cn.jiesu.ivr.ami.AmiState;
import cn.jiesu.ivr.call.CallEvent;
import cn.jiesu.ivr.call.CallEventSink;
import cn.jiesu.ivr.flow.CallRef;
import cn.jiesu.ivr.flow.FlowObserver;
import cn.jiesu.ivr.flow.FlowResult;
import cn.jiesu.ivr.flow.FlowServices;
import cn.jiesu.ivr.flow.IvrDefinition;
import cn.jiesu.ivr.flow.WaitEstimator;
import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.RedisConfig;
import cn.jiesu.redis.StreamKeys;
import cn.jiesu.redis.callback.CallbackKeys;
import cn.jiesu.redis.callback.RedisCallbackLeases;
import cn.jiesu.redis.callback.RedisCallbackStore;
import cn.jiesu.redis.callback.RedisRateStore;
import cn.jiesu.redis.intake.RedisAppealStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.asteriskjava.manager.action.CommandAction;
import org.asteriskjava.manager.response.CommandResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Callbacks placed on the real Asterisk lab through AMI: outcomes, retries, the trunk cap, the survey. */
@UsesAsteriskLab
class CallbackLabIT {
    private static final CallingWindow ALWAYS_OPEN =
            new CallingWindow(CallingWindow.BEIJING, LocalTime.NOON, LocalTime.NOON, Set.of());
    private static final Pattern ACTIVE_CHANNELS = Pattern.compile("(\\d+) active channels?");

    private final Clock clock = Clock.systemUTC();
    private final List<CallEvent> events = new CopyOnWriteArrayList<>();
    private RedisClients clients;
    private CallbackKeys keys;
    private RedisConfig redisConfig;
    private AmiConnector ami;
    private OutboundCalls outbound;
    private CallbackScheduler scheduler;
    private IvrAgiServer agi;

    @BeforeEach
    void setUp() {
        redisConfig = RedisConfig.defaults(URI.create(require("JIESU_TEST_REDIS_URI")))
                .withKeyPrefix("test:cblab:" + UUID.randomUUID().toString().substring(0, 8) + ":");
        clients = RedisClients.connect(redisConfig, new SimpleMeterRegistry());
        keys = new CallbackKeys(redisConfig.keyPrefix());
        outbound = new OutboundCalls(clock);
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
        CallEventSink recording = new CallEventSink() {
            @Override
            public void apply(CallEvent event) {
                events.add(event);
                outbound.apply(event);
            }

            @Override
            public void tick() {
                outbound.tick();
            }
        };
        ami = new AmiConnector(config, recording, clock, new SimpleMeterRegistry());
        ami.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> ami.state() == AmiState.UP);
    }

    @AfterEach
    void tearDown() {
        if (scheduler != null) {
            scheduler.halt();
        }
        if (agi != null) {
            agi.close();
        }
        ami.close();
        clients.close();
    }

    private CallbackConfig config(int cap) {
        return CallbackConfig.DEFAULT
                .withWindow(ALWAYS_OPEN)
                .withRetry(RetryPolicy.uniform(Duration.ofSeconds(1), 2))
                .withCapacity(cap, Duration.ofSeconds(10), 20)
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

    private void startScheduler(CallbackConfig cfg, AmiDialer.Settings settings, AttemptListener listener) {
        scheduler = new CallbackScheduler(
                "lab-1",
                cfg,
                new CallbackPlanner(cfg, clock),
                new RedisCallbackLeases(clients, keys, clock),
                new AmiDialer(ami, outbound, settings),
                outbound,
                AgentAvailability.unlimited(),
                listener,
                new SimpleMeterRegistry(),
                clock,
                1.0);
        scheduler.start();
    }

    private String schedule(CallbackStore store, String intake, String callee, CallbackKind kind) throws Exception {
        return store.schedule(new CallbackDraft(
                        intake,
                        kind,
                        callee,
                        clock.instant(),
                        clock.instant().plusSeconds(600),
                        false,
                        CallbackMode.CITIZEN_FIRST,
                        null))
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS)
                .callback()
                .callbackId();
    }

    private CallbackRequest get(CallbackStore store, String id) throws Exception {
        return store.get(id).toCompletableFuture().get(10, TimeUnit.SECONDS).orElseThrow();
    }

    private int asteriskChannels() throws Exception {
        CommandResponse r = (CommandResponse) ami.send(new CommandAction("core show channels count"))
                .toCompletableFuture()
                .get(5, TimeUnit.SECONDS);
        for (String line : r.getResult()) {
            Matcher m = ACTIVE_CHANNELS.matcher(line);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        throw new IllegalStateException("no channel count in " + r.getResult());
    }

    @Test
    @DisplayName("Answered, busy, no-answer and congested callees give their outcomes; the unreached are retried")
    void outcomesAndRetries() throws Exception {
        CallbackConfig cfg = config(10);
        CallbackStore store = store(cfg);
        Map<String, String> ids = new LinkedHashMap<>();
        for (String callee : List.of("answer", "busy", "noanswer", "congestion")) {
            ids.put(callee, schedule(store, "lab-" + callee, callee, CallbackKind.CALLBACK_REQUESTED));
        }
        startScheduler(cfg, LabDial.SETTINGS.with(Duration.ofSeconds(4), Map.of("HOLD", "2")), AttemptListener.NONE);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    for (String id : ids.values()) {
                        if (get(store, id).isOpen()) {
                            return false;
                        }
                    }
                    return true;
                });
        assertThat(get(store, ids.get("answer")).status()).isEqualTo(CallbackStatus.REACHED);
        assertThat(get(store, ids.get("answer")).history())
                .extracting(h -> h.outcome())
                .containsExactly(CallbackOutcome.ANSWERED);
        assertThat(get(store, ids.get("busy")).history())
                .extracting(h -> h.outcome())
                .containsExactly(CallbackOutcome.BUSY, CallbackOutcome.BUSY);
        assertThat(get(store, ids.get("noanswer")).history())
                .extracting(h -> h.outcome())
                .containsExactly(CallbackOutcome.NO_ANSWER, CallbackOutcome.NO_ANSWER);
        assertThat(get(store, ids.get("congestion")).history())
                .extracting(h -> h.outcome())
                .containsExactly(CallbackOutcome.CONGESTION, CallbackOutcome.CONGESTION);
        for (String callee : List.of("busy", "noanswer", "congestion")) {
            assertThat(get(store, ids.get(callee)).status()).isEqualTo(CallbackStatus.UNREACHED);
        }
    }

    @Test
    @DisplayName("The trunk cap holds against Asterisk's own channel count")
    void trunkCapOnAsterisk() throws Exception {
        int cap = 3;
        CallbackConfig cfg = config(cap).withRetry(RetryPolicy.uniform(Duration.ofSeconds(1), 1));
        CallbackStore store = store(cfg);
        int before = asteriskChannels();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            ids.add(schedule(store, "cap-" + i, "noanswer", CallbackKind.CALLBACK_REQUESTED));
        }
        startScheduler(cfg, LabDial.SETTINGS.with(Duration.ofSeconds(3), Map.of()), AttemptListener.NONE);
        AtomicInteger peak = new AtomicInteger();
        AtomicInteger peakLive = new AtomicInteger();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    peak.accumulateAndGet(asteriskChannels() - before, Math::max);
                    peakLive.accumulateAndGet(outbound.live(), Math::max);
                    for (String id : ids) {
                        if (get(store, id).isOpen()) {
                            return false;
                        }
                    }
                    return true;
                });
        // every callback is a Local channel pair: at most 2 channels per trunk slot
        assertThat(peak.get()).isBetween(2, 2 * cap);
        assertThat(peakLive.get()).isBetween(1, cap);
    }

    /** The IVR on the lab's FastAGI port, with the shipped config/ivr.yaml; {@code observer} sees every session. */
    private void startIvr(FlowObserver observer) {
        RedisAppealStore appeals = new RedisAppealStore(
                clients, new StreamKeys(redisConfig.keyPrefix()), redisConfig, new SimpleMeterRegistry(), clock);
        agi = new IvrAgiServer(
                AgiConfig.defaults().withPort(Integer.parseInt(require("JIESU_TEST_AGI_PORT"))),
                IvrDefinition.load(Path.of("..", "config", "ivr.yaml")),
                new FlowServices(appeals, WaitEstimator.fixed(Duration.ZERO), observer),
                new SimpleMeterRegistry());
        agi.start();
    }

    @Test
    @DisplayName("A survey call where the callee presses 3 stores DISSATISFIED; pressing 1 then queues them for an"
            + " agent, who answers")
    void surveyDissatisfiedTakesAnAgent() throws Exception {
        RateStore rates = new RedisRateStore(clients, keys, CallingWindow.BEIJING);
        SurveyRecorder recorder = new SurveyRecorder(rates, clock);
        List<FlowResult> results = new CopyOnWriteArrayList<>();
        startIvr(recorder.alongside(new FlowObserver() {
            @Override
            public void ended(CallRef call, FlowResult result) {
                if ("survey".equals(call.script())) {
                    results.add(result);
                }
            }
        }));
        CallbackConfig cfg = config(5);
        CallbackStore store = store(cfg);
        String id = schedule(store, "survey-3", "confirm", CallbackKind.SURVEY);
        // 3 during the survey prompt, 1 four seconds later while the agent offer plays or waits for a key
        startScheduler(
                cfg,
                LabDial.SETTINGS.with(
                        Duration.ofSeconds(10), Map.of("DIGITS", "3", "DIGITS2", "1", "GAP", "4", "_HOLD", "8")),
                recorder);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> rates.result("survey-3")
                        .toCompletableFuture()
                        .get(5, TimeUnit.SECONDS)
                        .map(r -> r.satisfaction() == Satisfaction.DISSATISFIED)
                        .orElse(false));
        await().atMost(Duration.ofSeconds(30)).until(() -> results.contains(new FlowResult.Queued("general")));
        String channelId = "jiesu-ob-cb-" + id + "-1";
        await().atMost(Duration.ofSeconds(30))
                .until(() -> events.stream()
                        .anyMatch(e -> e instanceof CallEvent.AgentConnected a
                                && a.channel().linkedid().equals(channelId)
                                && a.queue().equals("hotline-general")));
        await().atMost(Duration.ofSeconds(60)).until(() -> get(store, id).status() == CallbackStatus.REACHED);
    }

    @Test
    @DisplayName("A survey call where the callee presses 1 stores SATISFIED on the appeal")
    void surveyPressOne() throws Exception {
        RateStore rates = new RedisRateStore(clients, keys, CallingWindow.BEIJING);
        SurveyRecorder recorder = new SurveyRecorder(rates, clock);
        List<FlowResult> results = new CopyOnWriteArrayList<>();
        startIvr(recorder.alongside(new FlowObserver() {
            @Override
            public void ended(CallRef call, FlowResult result) {
                results.add(result);
            }
        }));
        CallbackConfig cfg = config(5);
        CallbackStore store = store(cfg);
        String id = schedule(store, "survey-1", "confirm", CallbackKind.SURVEY);
        startScheduler(
                cfg, LabDial.SETTINGS.with(Duration.ofSeconds(10), Map.of("DIGITS", "1", "HOLD", "15")), recorder);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> rates.result("survey-1")
                        .toCompletableFuture()
                        .get(5, TimeUnit.SECONDS)
                        .map(r -> r.satisfaction() == Satisfaction.SATISFIED)
                        .orElse(false));
        await().atMost(Duration.ofSeconds(60)).until(() -> get(store, id).status() == CallbackStatus.REACHED);
        // satisfied: the survey ends as it always did, no agent offered
        assertThat(results).containsExactly(new FlowResult.Completed());
    }
}
