package cn.jiesu.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.jiesu.core.callback.CallbackConfig;
import cn.jiesu.core.callback.CallbackDraft;
import cn.jiesu.core.callback.CallbackKind;
import cn.jiesu.core.callback.CallbackPlanner;
import cn.jiesu.core.callback.CallingWindow;
import cn.jiesu.core.console.PopState;
import cn.jiesu.core.intake.CallInfo;
import cn.jiesu.core.intake.Channel;
import cn.jiesu.core.intake.Citizen;
import cn.jiesu.core.intake.ContentType;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.intake.IntakeIds;
import cn.jiesu.core.intake.RequestType;
import cn.jiesu.core.intake.Urgency;
import cn.jiesu.gateway.Gateway;
import cn.jiesu.gateway.GatewayConfig;
import cn.jiesu.gateway.config.ConfigLoader;
import cn.jiesu.gateway.support.TestClients;
import cn.jiesu.gateway.support.TestServices;
import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.StreamKeys;
import cn.jiesu.redis.callback.CallbackKeys;
import cn.jiesu.redis.callback.RedisCallbackStore;
import cn.jiesu.redis.intake.RedisAppealStore;
import cn.jiesu.testkit.LabEnv;
import cn.jiesu.testkit.TestEnv;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.action.CommandAction;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.action.QueuePauseAction;
import org.asteriskjava.manager.response.ManagerResponse;

/**
 * Full gateways (console, AMI tracker, FastAGI IVR) on the Asterisk lab of this test run, sharing one Redis key
 * prefix, with console accounts for the lab's queue members (8001-8005, {@code Local/80XX@agent-sim/n}) and a
 * click-to-call agent (8009, not a queue member); plus a test AMI connection playing the citizen.
 */
final class ConsoleLab implements AutoCloseable {
    /** Queue members of the lab's hotline queues (queues.conf). */
    static final List<String> MEMBERS = List.of("8001", "8002", "8003", "8004", "8005");

    static final String DIALER = "8009";

    /** A supervisor account (not a queue member): sees the wallboard. */
    static final String SUPERVISOR = "8100";

    final String prefix = "it-console-lab-" + UUID.randomUUID().toString().substring(0, 8) + ":";
    final RedisClients redis;
    final RedisAppealStore appeals;
    final ManagerConnection ami;
    private final Path configFile;
    private final List<Gateway> gateways = new ArrayList<>();
    private final IntakeIds ids = new IntakeIds(Clock.systemUTC(), new SecureRandom());

    ConsoleLab() throws Exception {
        this("");
    }

    /** @param consoleYaml more {@code console:} keys, indented two spaces (e.g. a short wrap-up limit) */
    ConsoleLab(String consoleYaml) throws Exception {
        configFile = writeConfig(consoleYaml);
        redis = RedisClients.connect(
                cn.jiesu.redis.RedisConfig.defaults(TestEnv.redisUri()).withKeyPrefix(prefix),
                new SimpleMeterRegistry());
        appeals = new RedisAppealStore(
                redis, new StreamKeys(prefix), redis.config(), new SimpleMeterRegistry(), Clock.systemUTC());
        LabEnv lab = LabEnv.fromEnvironment();
        ami = new ManagerConnectionFactory(lab.amiHost(), lab.amiPort(), lab.amiUser(), lab.amiSecret())
                .createManagerConnection();
        ami.login();
    }

    /** What a gateway instance of the lab runs besides the console. */
    enum Phone {
        /** AMI tracker and the FastAGI IVR (only one instance may: the lab dials one AGI port). */
        AMI_AND_IVR,
        /** The AMI tracker only: sees the same events as the first instance. */
        AMI_ONLY,
        /** No Asterisk at all: a console-only instance. */
        NONE
    }

    Gateway start(Phone phone) {
        Map<String, String> env =
                phone == Phone.NONE ? TestServices.gatewayEnv() : new HashMap<>(TestServices.phoneGatewayEnv());
        if (phone == Phone.AMI_ONLY) {
            env.put("JIESU_AGI_ENABLED", "false");
        }
        env.put("JIESU_REDIS_KEY_PREFIX", prefix);
        env.put("JIESU_CALLBACKS_INSTANCE_ID", "console-lab-" + gateways.size());
        Gateway g = Gateway.start(GatewayConfig.from(ConfigLoader.load(configFile, env)), Clock.systemUTC())
                .await();
        gateways.add(g);
        return g;
    }

    /** Stops one of this lab's gateways now (a restart test), leaving the others and Redis running. */
    void stop(Gateway g) {
        if (gateways.remove(g)) {
            g.stop().join();
        }
    }

    static AgentClient agent(Gateway g, String ext) {
        AgentClient c = new AgentClient(g.vertx(), g.httpPort());
        assertThat(c.login(ext, password(ext)).statusCode()).isEqualTo(200);
        return c;
    }

    static String password(String ext) {
        return "secret-" + ext;
    }

    static String uniqueCaller(String lastDigit) {
        return "139" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999)) + lastDigit;
    }

    /** An earlier phone appeal of {@code caller}, {@code daysAgo} days ago; returns its intake id. */
    String earlierAppeal(String caller, int daysAgo, String content) {
        Instant at = Instant.now().minus(Duration.ofDays(daysAgo));
        String linkedid = "1763000000." + UUID.randomUUID().toString().substring(0, 6);
        Intake in = Intake.builder()
                .intakeId(ids.next())
                .channel(Channel.PHONE)
                .channelAccount("12345")
                .channelMessageId(linkedid)
                .receivedAt(at)
                .occurredAt(at)
                .contentType(ContentType.CALL)
                .content(content)
                .citizen(new Citizen(null, null, null, caller, null, false))
                .urgency(Urgency.NORMAL)
                .requestType(RequestType.COMPLAINT)
                .call(new CallInfo(
                        linkedid,
                        linkedid,
                        "12345",
                        "hotline-general",
                        "8003",
                        "zh",
                        List.of("lang:1", "menu:3"),
                        null,
                        20,
                        120,
                        null))
                .build();
        return appeals.append(in).toCompletableFuture().join().intakeId();
    }

    /** An app appeal of {@code phone} an hour ago, as the app API stores it; returns its intake id. */
    String appAppeal(String phone, String content) {
        Instant at = Instant.now().minus(Duration.ofHours(1));
        Intake in = Intake.builder()
                .intakeId(ids.next())
                .channel(Channel.APP)
                .channelAccount("app-ios")
                .channelMessageId("idem:" + UUID.randomUUID())
                .receivedAt(at)
                .occurredAt(at)
                .contentType(ContentType.FORM)
                .content(content)
                .citizen(new Citizen("app-user-" + phone, null, phone, null, null, false))
                .urgency(Urgency.NORMAL)
                .requestType(RequestType.COMPLAINT)
                .build();
        return appeals.append(in).toCompletableFuture().join().intakeId();
    }

    /**
     * Schedules a callback of {@code kind} on appeal {@code intakeId} to {@code number}, due in {@code dueIn},
     * straight in the callback store the lab's gateways share (the API books only agents' callbacks); returns its id.
     */
    String scheduleCallback(String intakeId, CallbackKind kind, String number, Duration dueIn) {
        Clock clock = Clock.systemUTC();
        CallbackConfig cfg = CallbackConfig.DEFAULT.withWindow(
                new CallingWindow(CallingWindow.BEIJING, LocalTime.NOON, LocalTime.NOON, Set.of()));
        RedisCallbackStore store = new RedisCallbackStore(
                redis, new CallbackKeys(prefix), new CallbackPlanner(cfg, clock), ids, new SimpleMeterRegistry());
        Instant now = clock.instant();
        return store.schedule(new CallbackDraft(intakeId, kind, number, now, now.plus(dueIn), false, null, null))
                .toCompletableFuture()
                .join()
                .callback()
                .callbackId();
    }

    /** One appeal as {@code GET /api/v1/intakes/{id}} shows it. */
    static JsonObject appeal(Gateway g, String intakeId) {
        WebClient http = TestClients.web(g.vertx());
        try {
            return http.get(g.httpPort(), "127.0.0.1", "/api/v1/intakes/" + intakeId)
                    .putHeader("Authorization", "Bearer " + TestServices.API_TOKEN)
                    .send()
                    .await()
                    .bodyAsJsonObject();
        } finally {
            http.close();
        }
    }

    /** Books a callback to the appeal's citizen an hour from now over the gateway's API; returns its id. */
    static String bookCallback(Gateway g, String intakeId) {
        WebClient http = TestClients.web(g.vertx());
        try {
            var r = http.post(g.httpPort(), "127.0.0.1", "/api/v1/intakes/" + intakeId + "/callbacks")
                    .putHeader("Authorization", "Bearer " + TestServices.API_TOKEN)
                    .sendJsonObject(new JsonObject()
                            .put("at", Instant.now().plus(Duration.ofHours(1)).toString()))
                    .await();
            assertThat(r.statusCode()).as(r.bodyAsString()).isIn(200, 201);
            return r.bodyAsJsonObject().getString("callbackId");
        } finally {
            http.close();
        }
    }

    /** The appeal's callbacks (with their attempt history) from the gateway's API. */
    static JsonArray callbacksOf(Gateway g, String intakeId) {
        WebClient http = TestClients.web(g.vertx());
        try {
            return http.get(g.httpPort(), "127.0.0.1", "/api/v1/callbacks?intakeId=" + intakeId)
                    .putHeader("Authorization", "Bearer " + TestServices.API_TOKEN)
                    .send()
                    .await()
                    .bodyAsJsonObject()
                    .getJsonArray("items");
        } finally {
            http.close();
        }
    }

    /** The appeals of a number from the gateway's API. */
    static JsonArray appealsOf(Gateway g, String phone) {
        WebClient http = TestClients.web(g.vertx());
        try {
            return http.get(g.httpPort(), "127.0.0.1", "/api/v1/intakes?phone=" + phone)
                    .putHeader("Authorization", "Bearer " + TestServices.API_TOKEN)
                    .send()
                    .await()
                    .bodyAsJsonObject()
                    .getJsonArray("items");
        } finally {
            http.close();
        }
    }

    /**
     * A simulated citizen calls 12345 and presses {@code digits} in groups 3 s apart, then stays on the line
     * {@code holdSeconds}. Returns the call's Linkedid (the ChannelId we give its first channel).
     */
    String call(String callerId, int holdSeconds, String... digits) throws Exception {
        String linkedid = "it-console-" + UUID.randomUUID();
        OriginateAction originate = new OriginateAction();
        originate.setChannel("Local/slow@caller-sim");
        originate.setContext("public");
        originate.setExten("12345");
        originate.setPriority(1);
        originate.setCallerId("\"Citizen\" <" + callerId + ">");
        originate.setAsync(true);
        originate.setTimeout(30_000L);
        originate.setChannelId(linkedid);
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("GAP", "3");
        vars.put("HOLD", Integer.toString(holdSeconds));
        for (int i = 0; i < digits.length; i++) {
            vars.put("DIGITS" + (i + 1), digits[i]);
        }
        originate.setVariables(vars);
        ManagerResponse response = ami.sendAction(originate, 10_000);
        assertThat(response.getResponse()).isEqualTo("Success");
        return linkedid;
    }

    /** Pauses or unpauses a queue member in every queue, straight over AMI (test set-up and clean-up). */
    void pauseInLab(String ext, boolean paused) throws Exception {
        ami.sendAction(new QueuePauseAction("Local/" + ext + "@agent-sim/n", paused), 10_000);
    }

    /**
     * Pauses or unpauses a member in every queue with a reason, as a supervisor's tool would, over this test's own
     * AMI connection (not the gateway's); answers Asterisk's response.
     */
    String pauseInLab(String ext, boolean paused, String reason) throws Exception {
        QueuePauseAction pause = new QueuePauseAction("Local/" + ext + "@agent-sim/n", paused);
        pause.setReason(reason);
        return ami.sendAction(pause, 10_000).getResponse();
    }

    /** Asterisk's count of channels up ({@code core show channels count}). */
    private int activeChannels() throws Exception {
        var r = (org.asteriskjava.manager.response.CommandResponse)
                ami.sendAction(new CommandAction("core show channels count"), 10_000);
        return r.getResult().stream()
                .filter(l -> l.contains("active channel"))
                .map(l -> Integer.parseInt(l.trim().split("\\s+")[0]))
                .findFirst()
                .orElse(0);
    }

    /** Asterisk's own line for the member in {@code queue show <queue>} (CLI over AMI), e.g. "... (paused:x) ...". */
    String memberLine(String queue, String ext) throws Exception {
        var r = (org.asteriskjava.manager.response.CommandResponse)
                ami.sendAction(new org.asteriskjava.manager.action.CommandAction("queue show " + queue), 10_000);
        return r.getResult().stream()
                .filter(l -> l.contains("Local/" + ext + "@agent-sim/n"))
                .findFirst()
                .orElse("");
    }

    /**
     * The frames of one pop on one client: its pop frames and its state frames, in arrival order (not what is
     * learnt of its appeal: {@code pop-appeal}).
     */
    static List<JsonObject> framesOf(AgentClient c, String popId) {
        return c.frames.stream()
                .filter(f -> ("pop-state".equals(f.getString("type")) && popId.equals(f.getString("popId")))
                        || ("pop".equals(f.getString("type"))
                                && popId.equals(f.getJsonObject("pop").getString("popId"))))
                .toList();
    }

    /** The states one client was shown for a pop, in order: the pop frame's state, then each pop-state. */
    static List<String> statesShown(AgentClient c, String popId) {
        return framesOf(c, popId).stream()
                .map(f -> "pop".equals(f.getString("type"))
                        ? f.getJsonObject("pop").getString("state")
                        : f.getString("state"))
                .toList();
    }

    /**
     * One pop frame for the pop on this client, then only later states (never the same state twice), ending
     * ENDED: the pop was shown once and each change once.
     */
    static void assertShownOnce(AgentClient c, String popId) {
        List<JsonObject> frames = framesOf(c, popId);
        assertThat(frames.stream().filter(f -> "pop".equals(f.getString("type"))))
                .hasSize(1);
        assertThat(frames.get(0).getString("type")).isEqualTo("pop");
        List<Integer> ranks = statesShown(c, popId).stream()
                .map(s -> PopState.valueOf(s).ordinal())
                .toList();
        for (int i = 1; i < ranks.size(); i++) {
            assertThat(ranks.get(i))
                    .as("states shown %s", statesShown(c, popId))
                    .isGreaterThan(ranks.get(i - 1));
        }
        assertThat(statesShown(c, popId)).last().isEqualTo("ENDED");
    }

    @Override
    public void close() {
        try {
            // Calls a test left up (callers waiting, agents talking) would be adopted by the next test's gateway
            // and keep its agents on a call: hang them all up and wait until the lab is idle.
            ami.sendAction(new CommandAction("channel request hangup all"), 10_000);
            await().atMost(Duration.ofSeconds(15)).until(() -> activeChannels() == 0);
        } catch (Exception e) {
            // the lab is going away with the test run anyway
        }
        for (String ext : MEMBERS) {
            try {
                // Leave the shared lab as it was: every member ready for the next test.
                pauseInLab(ext, false);
            } catch (Exception e) {
                // the lab is going away with the test run anyway
            }
        }
        for (int i = gateways.size() - 1; i >= 0; i--) {
            gateways.get(i).stop().join();
        }
        ami.logoff();
        redis.close();
        try {
            Files.deleteIfExists(configFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Console accounts for the lab's agents, click-to-call into the lab's chooser context, no callback dialling. */
    private static Path writeConfig(String consoleYaml) throws IOException {
        StringBuilder y = new StringBuilder();
        y.append("callbacks:\n")
                // The schedule and API work without dialling; a dialler would ring the lab's agents meanwhile.
                .append("  enabled: false\n")
                // No quiet hours: booking a callback must work whenever the test runs.
                .append("  quiet-start: \"12:00\"\n  quiet-end: \"12:00\"\n")
                .append("console:\n")
                .append("  context-timeout: 10s\n")
                // The lab's agents are simulated queue members, not softphones (config/asterisk-lab).
                .append("  agent-interface: \"Local/{ext}@agent-sim/n\"\n")
                // The agents' test hashes stay at the minimum strength (no upgrade on each run's first sign-in).
                .append("  sign-in:\n    hash-iterations: 1000\n    checks-per-second: 100\n")
                .append("  click-to-call:\n    context: console-dial-sim\n    endpoint: \"Local/{ext}@agent-sim\"\n")
                .append(consoleYaml)
                .append("  agents:\n");
        List<String> all = new ArrayList<>(MEMBERS);
        all.add(DIALER);
        all.add(SUPERVISOR);
        for (String ext : all) {
            y.append("    \"")
                    .append(ext)
                    .append("\": {name: \"")
                    // The supervisor is a person on the README's wallboard picture, not a numbered seat.
                    .append(ext.equals(SUPERVISOR) ? "张主管" : "坐席" + ext)
                    .append("\", role: ")
                    .append(ext.equals(SUPERVISOR) ? "supervisor" : "agent")
                    .append(", password-hash: \"")
                    .append(ConsoleTestConfig.hash(password(ext)))
                    .append("\"}\n");
        }
        Path file = Files.createTempFile("jiesu-console-lab", ".yaml");
        Files.writeString(file, y.toString(), StandardCharsets.UTF_8);
        return file;
    }
}
