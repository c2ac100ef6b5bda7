package cn.jiesu.gateway.console;

import cn.jiesu.core.console.PopState;
import cn.jiesu.core.console.StoredPop;
import cn.jiesu.core.intake.CallInfo;
import cn.jiesu.core.intake.Channel;
import cn.jiesu.core.intake.Citizen;
import cn.jiesu.core.intake.ContentType;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.intake.IntakeIds;
import cn.jiesu.core.intake.RequestType;
import cn.jiesu.core.intake.Urgency;
import cn.jiesu.core.sla.SlaPolicy;
import cn.jiesu.gateway.Gateway;
import cn.jiesu.gateway.config.HttpConfig;
import cn.jiesu.gateway.http.AuditLog;
import cn.jiesu.gateway.http.HttpVerticle;
import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.RedisConfig;
import cn.jiesu.redis.StreamKeys;
import cn.jiesu.redis.console.ConsoleKeys;
import cn.jiesu.redis.console.RedisPopStore;
import cn.jiesu.redis.intake.RedisAppealStore;
import cn.jiesu.testkit.TestEnv;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The console wired as the gateway wires it (Redis stores, the appeal store, the HTTP verticle with the console's
 * route group), on a free port and a key prefix of its own, for integration tests. The test plays the AMI
 * tracker: it drives {@link #events()} and appends phone appeals as the tracker does at hangup.
 */
final class ConsoleServer implements AutoCloseable {
    static final String HOTLINE = "12345";

    final Vertx vertx;
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final RedisClients redis;
    final RedisAppealStore appeals;
    final ConsoleVerticle console;
    final ConsoleConfig config;
    final String prefix;
    private final IntakeIds ids = new IntakeIds(Clock.systemUTC(), new SecureRandom());
    private final int port;

    private ConsoleServer(Map<String, String> env, Map<String, Object> extraAgents) {
        this(env, extraAgents, HotspotDesk.none());
    }

    private ConsoleServer(Map<String, String> env, Map<String, Object> extraAgents, HotspotDesk hotspots) {
        vertx = Vertx.vertx();
        prefix = "test:console:" + UUID.randomUUID().toString().substring(0, 8) + ":";
        RedisConfig rc = RedisConfig.defaults(TestEnv.redisUri()).withKeyPrefix(prefix);
        redis = RedisClients.connect(rc, registry);
        Clock clock = Clock.systemUTC();
        appeals = new RedisAppealStore(redis, new StreamKeys(prefix), rc, registry, clock);
        // Generous lookup bound: the assertions are about content, and CI machines are busy.
        Map<String, String> withDefaults = new java.util.HashMap<>(Map.of("JIESU_CONSOLE_CONTEXT_TIMEOUT", "10s"));
        withDefaults.putAll(env);
        config = extraAgents.isEmpty()
                ? ConsoleTestConfig.standard(withDefaults)
                : ConsoleTestConfig.with(ConsoleTestConfig.fast(withDefaults), withStandard(extraAgents));
        console = new ConsoleVerticle(
                config,
                new cn.jiesu.gateway.http.BlockingWork(Duration.ofSeconds(30)),
                registry,
                clock,
                SlaPolicy.BEIJING,
                appeals,
                Gateway.consoleStores(redis, appeals, config, clock),
                ConsoleTelephony.none(),
                new AuditLog(org.slf4j.LoggerFactory.getLogger("jiesu.audit"), clock),
                java.time.ZoneId.of("Asia/Shanghai"),
                hotspots);
        vertx.deployVerticle(console).await();
        HttpVerticle http = new HttpVerticle(
                new HttpConfig("127.0.0.1", 0, 65536, Duration.ofSeconds(4)), registry, List.of(console::mount));
        vertx.deployVerticle(http).await();
        port = http.actualPort();
    }

    /** The standard agents, with the hotspot panels reading {@code hotspots}. */
    static ConsoleServer start(Map<String, String> env, HotspotDesk hotspots) {
        return new ConsoleServer(env, Map.of(), hotspots);
    }

    static ConsoleServer start(Map<String, String> env) {
        return new ConsoleServer(env, Map.of());
    }

    /** The standard agents and {@code extraAgents} (ext to {name, role, password-hash}). */
    static ConsoleServer start(Map<String, String> env, Map<String, Object> extraAgents) {
        return new ConsoleServer(env, extraAgents);
    }

    private static Map<String, Object> withStandard(Map<String, Object> extra) {
        Map<String, Object> all = new java.util.HashMap<>(ConsoleTestConfig.standardAgents());
        all.putAll(extra);
        return all;
    }

    int port() {
        return port;
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    AgentCallEvents events() {
        return console.events();
    }

    /** Where the call tracker reports queue members as Asterisk sees them; tests drive it as the tracker would. */
    QueueMemberEvents members() {
        return console.members();
    }

    /** An offer of call {@code linkedid} from {@code caller} to agent {@code ext}, as the tracker would send. */
    static CallOffer offer(String ext, String linkedid, String caller) {
        return new CallOffer(
                ext,
                linkedid,
                caller,
                "hotline-general",
                new IvrPath("zh", List.of("lang:1", "menu:2"), Urgency.IMMEDIATE, RequestType.HELP),
                Instant.now());
    }

    /** Appends the phone appeal of a finished call the way the tracker does (same dedupe key). */
    String appendCall(String linkedid, String caller, Instant at, String content) {
        Intake in = Intake.builder()
                .intakeId(ids.next())
                .channel(Channel.PHONE)
                .channelAccount(HOTLINE)
                .channelMessageId(linkedid)
                .receivedAt(at)
                .occurredAt(at)
                .contentType(ContentType.CALL)
                .content(content)
                .citizen(new Citizen(null, null, null, caller, null, false))
                .urgency(Urgency.IMMEDIATE)
                .requestType(RequestType.HELP)
                .call(new CallInfo(
                        linkedid,
                        linkedid,
                        HOTLINE,
                        "hotline-general",
                        "8001",
                        "zh",
                        List.of("lang:1", "menu:2"),
                        null,
                        16,
                        95,
                        null))
                .build();
        return appeals.append(in).toCompletableFuture().join().intakeId();
    }

    /** Appends an open emergency appeal that {@code caller} sent on the web at {@code at}. */
    String appendWebEmergency(String caller, Instant at, String title) {
        Intake in = Intake.builder()
                .intakeId(ids.next())
                .channel(Channel.WEB)
                .channelAccount("web")
                .channelMessageId("web-" + UUID.randomUUID())
                .receivedAt(at)
                .occurredAt(at)
                .contentType(ContentType.TEXT)
                .title(title)
                .content(title + "，楼道里味道很大")
                .citizen(new Citizen(null, null, null, caller, null, false))
                .urgency(Urgency.EMERGENCY)
                .requestType(RequestType.HELP)
                .build();
        return appeals.append(in).toCompletableFuture().join().intakeId();
    }

    /** The stored state of a pop, or null when there is none. */
    PopState popState(String popId) {
        return new RedisPopStore(redis, new ConsoleKeys(prefix), Clock.systemUTC())
                .get(popId)
                .toCompletableFuture()
                .join()
                .map(StoredPop::state)
                .orElse(null);
    }

    /** The stored body of a pop (what a replay shows), or null when there is none. */
    String popBody(String popId) {
        return new RedisPopStore(redis, new ConsoleKeys(prefix), Clock.systemUTC())
                .get(popId)
                .toCompletableFuture()
                .join()
                .map(StoredPop::body)
                .orElse(null);
    }

    @Override
    public void close() {
        vertx.close().await();
        redis.close();
    }
}
