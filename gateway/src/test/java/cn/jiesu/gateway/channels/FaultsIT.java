package cn.jiesu.gateway.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import cn.jiesu.core.appeal.AppealRecord;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.intake.IntakeCodec;
import cn.jiesu.gateway.GatewayConfig;
import cn.jiesu.gateway.config.ConfigLoader;
import cn.jiesu.gateway.support.GatewayProcess;
import cn.jiesu.gateway.support.LogCapture;
import cn.jiesu.gateway.support.RedisProcess;
import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.StreamKeys;
import cn.jiesu.redis.intake.RedisAppealStore;
import com.sun.management.UnixOperatingSystemMXBean;
import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.models.stream.PendingMessage;
import io.lettuce.core.models.stream.PendingMessages;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Issue 12's fault results, reproduced as the probe did them: Redis killed with SIGKILL under a steady load of signed
 * app appeals and started again on its AOF, the gateway's JVM killed with SIGKILL under load and started again, and
 * 2,000 connections held open at once. What must hold (RELIABILITY.md "Faults"): every appeal a client was answered
 * 201 for is stored, retries with the same Idempotency-Key make no second appeal, the outage is answered 503 with
 * Retry-After (never 500), and the edge answers while thousands of connections are held.
 *
 * <p>The numbers each test measured are printed as one {@code [faults]} line.
 */
@Isolated("asserts on every log line of the JVM")
class FaultsIT {
    private static final int CLIENTS = 6;
    /** Appeals acknowledged before a kill, and again after the restart, before the test moves on. */
    private static final int MIN_ACKS = 30;

    /**
     * Checks the load's acknowledgements against the intake stream and the appeal store: every acknowledged
     * appeal is stored under the intakeId its 201 named, no key was answered with two appeals nor stored twice,
     * and the stream holds exactly one appeal per acknowledged key, nothing else.
     */
    private static void assertStoredAsAcknowledged(
            AppealLoad load, List<Intake> stream, Function<String, Optional<AppealRecord>> byId) {
        Map<String, Set<String>> acks = load.acknowledged();
        assertThat(load.abandoned())
                .as("appeals a client gave up on (never acknowledged)")
                .isEmpty();
        assertThat(acks.keySet())
                .as("every appeal a client began was acknowledged")
                .isEqualTo(load.started());
        assertThat(acks.entrySet().stream()
                        .filter(e -> e.getValue().size() > 1)
                        .map(Map.Entry::getKey)
                        .toList())
                .as("keys whose retries were answered with another appeal")
                .isEmpty();

        Map<String, List<String>> storedByKey = stream.stream()
                .collect(Collectors.groupingBy(
                        i -> i.channelMessageId().substring("idem:".length()),
                        Collectors.mapping(Intake::intakeId, Collectors.toList())));
        assertThat(storedByKey.entrySet().stream()
                        .filter(e -> e.getValue().size() > 1)
                        .map(Map.Entry::getKey)
                        .toList())
                .as("Idempotency-Keys stored as two appeals")
                .isEmpty();
        Set<String> streamIds = stream.stream().map(Intake::intakeId).collect(Collectors.toSet());
        List<String> lost = acks.values().stream()
                .flatMap(Set::stream)
                .filter(id -> !streamIds.contains(id))
                .toList();
        assertThat(lost)
                .as("acknowledged appeals missing from the intake stream")
                .isEmpty();
        assertThat(stream).as("stored appeals = acknowledged keys").hasSize(acks.size());
        assertThat(storedByKey.keySet()).isEqualTo(acks.keySet());
        for (Map.Entry<String, Set<String>> e : acks.entrySet()) {
            String intakeId = e.getValue().iterator().next();
            AppealRecord stored = byId.apply(intakeId).orElse(null);
            assertThat(stored)
                    .as("appeal %s of key %s read back by id", intakeId, e.getKey())
                    .isNotNull();
            assertThat(stored.intake().channelMessageId()).isEqualTo("idem:" + e.getKey());
            assertThat(stored.intake().content()).contains(e.getKey());
        }
    }

    private static List<Intake> stream(RedisCommands<String, String> redis, String prefix) {
        List<StreamMessage<String, String>> entries =
                redis.xrange(new StreamKeys(prefix).intakeStream(), Range.create("-", "+"));
        return entries.stream().map(m -> IntakeCodec.fromFields(m.getBody())).toList();
    }

    private static double seconds(long nanos) {
        return Math.round(nanos / 1e6) / 1e3;
    }

    // ---------------------------------------------------------------------------------------------------------------

    @Test
    @DisplayName("Redis (shipped config: AOF, appendfsync always) killed with SIGKILL under load and restarted: every "
            + "201 is stored, no key makes two appeals, the outage is answered 503 with Retry-After")
    void redisKilledUnderLoad(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) throws Exception {
        RedisProcess redis = RedisProcess.shippedConfig(dir);
        ChannelGateway gw = null;
        AppealLoad load = null;
        LogCapture log = null;
        try {
            gw = ChannelGateway.start(Map.of(
                    "JIESU_REDIS_URI",
                    redis.uri(),
                    "JIESU_REDIS_COMMAND_TIMEOUT",
                    "1s",
                    "JIESU_REDIS_RECLAIM_IDLE",
                    "1s"));
            log = LogCapture.attach(); // from here on: the load and the kill
            int port = gw.port();
            load = new AppealLoad(() -> port, CLIENTS, "redis");
            load.start();
            AppealLoad l = load;
            await().atMost(Duration.ofSeconds(30)).until(() -> l.acknowledgedCount() >= MIN_ACKS);
            int ackedBeforeKill = load.acknowledgedCount();
            long killedAt = System.nanoTime();
            redis.kill9();
            // Down past the gateway's 1 s command timeout: clients are still refused (503 with Retry-After) 1.5 s
            // after the kill, so commands in flight at the kill have timed out too.
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> l.answers().stream()
                            .anyMatch(x -> x.status() == 503 && x.nanos() - killedAt >= 1_500_000_000L));
            redis.start(); // the same port and directory: it loads its AOF
            long backAt = System.nanoTime();
            await().atMost(Duration.ofSeconds(30)).until(() -> l.acknowledgedCount() >= ackedBeforeKill + MIN_ACKS);
            load.stop(Duration.ofSeconds(20));
            String prefix = gw.config.redis().keyPrefix();
            // What was acknowledged must be in the AOF: kill it once more and read only what it reloads.
            redis.kill9();
            redis.start();
            List<Intake> stored;
            RedisClient client = RedisClient.create(redis.uri());
            try (StatefulRedisConnection<String, String> c = client.connect()) {
                stored = stream(c.sync(), prefix);
            } finally {
                client.shutdown();
            }
            List<AppealLoad.Answer> answers = load.answers();
            List<Long> unavailable = answers.stream()
                    .filter(a -> a.status() == 503)
                    .map(AppealLoad.Answer::nanos)
                    .sorted()
                    .toList();
            Map<Integer, Integer> statuses = load.statuses();
            long firstAck = load.firstAckAfter(backAt);
            System.out.printf(
                    "[faults] redis kill -9: %d clients, %d appeals acknowledged (%d before the kill), %d "
                            + "stored after a second kill -9 and AOF reload; Redis down %.2f s; answers %s; 503s from "
                            + "%.2f s to %.2f s after the kill; first 201 %.2f s after Redis answered PONG again%n",
                    CLIENTS,
                    load.acknowledgedCount(),
                    ackedBeforeKill,
                    stored.size(),
                    seconds(backAt - killedAt),
                    statuses,
                    unavailable.isEmpty() ? -1 : seconds(unavailable.getFirst() - killedAt),
                    unavailable.isEmpty() ? -1 : seconds(unavailable.getLast() - killedAt),
                    firstAck < 0 ? -1 : seconds(firstAck - backAt));

            ChannelGateway g = gw;
            await().atMost(Duration.ofSeconds(10))
                    .ignoreExceptions() // the store's connection is back
                    .until(() -> "PONG".equals(g.redis.shared().sync().ping()));
            assertStoredAsAcknowledged(load, stored, gw::appeal);
            // The consumer resumed: what it failed on during the outage is handled again (reclaim-idle 1 s).
            StreamKeys keys = new StreamKeys(prefix);
            RedisCommands<String, String> live = gw.redis.shared().sync();
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> live.xpending(keys.intakeStream(), "gateway").getCount() == 0);
            assertThat(live.xlen(keys.deadLetterStream()))
                    .as("entries dead-lettered")
                    .isZero();

            assertThat(ackedBeforeKill)
                    .as("appeals acknowledged before the kill")
                    .isGreaterThanOrEqualTo(MIN_ACKS);
            assertThat(unavailable).as("the outage was met under load").isNotEmpty();
            assertThat(answers.stream().filter(a -> a.status() == 503))
                    .as("every 503 says when to retry")
                    .allMatch(AppealLoad.Answer::retryAfter);
            assertThat(statuses.keySet())
                    .as("answers (0: no HTTP answer): 201 or 503 only, never 500")
                    .containsOnly(201, 503);
            assertThat(firstAck)
                    .as("appeals acknowledged again after the restart")
                    .isPositive();
            assertThat(Duration.ofNanos(firstAck - backAt)).isLessThan(Duration.ofSeconds(5));
            assertThat(answers.stream()
                            .filter(a -> a.status() == 201 && a.nanos() > backAt)
                            .count())
                    .as("201s after the restart")
                    .isGreaterThanOrEqualTo(MIN_ACKS);
            assertThat(log.events().stream()
                            .filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
                            .map(ILoggingEvent::getFormattedMessage)
                            .toList())
                    .as("errors logged")
                    .isEmpty();
            assertThat(log.stackTraces()).as("stack traces logged").isEmpty();
        } finally {
            if (log != null) {
                log.close();
            }
            if (load != null) {
                load.close();
            }
            if (gw != null) {
                gw.close();
            }
            redis.close();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** A consumer's pending entries (read, not acknowledged) in the intake group. */
    /**
     * The frozen consumer's pending entries once acknowledgements already on the wire have landed: the set read
     * the same twice in a row, 50 ms apart.
     */
    private static List<String> settledPending(RedisCommands<String, String> redis, String stream) {
        List<List<String>> last = new ArrayList<>(List.of(pending(redis, stream, "gateway-a")));
        await().atMost(Duration.ofSeconds(2))
                .pollDelay(Duration.ofMillis(50))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    List<String> now = pending(redis, stream, "gateway-a");
                    boolean same = now.equals(last.get(0));
                    last.set(0, now);
                    return same;
                });
        return last.get(0);
    }

    private static List<String> pending(RedisCommands<String, String> redis, String stream, String consumer) {
        return redis
                .xpending(stream, Consumer.from("gateway", consumer), Range.create("-", "+"), Limit.from(10_000))
                .stream()
                .map(PendingMessage::getId)
                .toList();
    }

    @Test
    @DisplayName("the gateway's JVM killed with SIGKILL under load and started again: every 201 is stored, retries "
            + "make no second appeal, what its consumer had read is claimed by the new instance")
    void gatewayKilledUnderLoad(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) throws Exception {
        Path operatorFile = ChannelGateway.operatorFile();
        int port = RedisProcess.freePort();
        Map<String, String> env = ChannelGateway.env(Map.of(
                "JIESU_HTTP_PORT",
                Integer.toString(port),
                "JIESU_REDIS_RECLAIM_IDLE",
                "1s",
                "JIESU_CLASSIFICATION_WATCH_INTERVAL",
                "0s"));
        String prefix = env.get("JIESU_REDIS_KEY_PREFIX");
        String stream = new StreamKeys(prefix).intakeStream();
        Map<String, String> envA = new HashMap<>(env);
        envA.put("JIESU_INTAKE_CONSUMER", "gateway-a");
        Map<String, String> envB = new HashMap<>(env);
        envB.put("JIESU_INTAKE_CONSUMER", "gateway-b");

        GatewayConfig config = GatewayConfig.from(ConfigLoader.load(operatorFile, env));
        RedisClients clients = RedisClients.connect(config.redis(), new SimpleMeterRegistry());
        RedisAppealStore store = new RedisAppealStore(
                clients, new StreamKeys(prefix), config.redis(), new SimpleMeterRegistry(), Clock.systemUTC());
        RedisCommands<String, String> redis = clients.shared().sync();
        GatewayProcess a = null;
        GatewayProcess b = null;
        AppealLoad load = null;
        try {
            a = GatewayProcess.start(envA, operatorFile, port, dir.resolve("gateway-a.log"));
            load = new AppealLoad(() -> port, CLIENTS, "jvm");
            load.start();
            AppealLoad l = load;
            await().atMost(Duration.ofSeconds(30)).until(() -> l.acknowledgedCount() >= MIN_ACKS);

            // Kill it while its consumer holds entries it read and has not acknowledged (what a crash leaves behind):
            // wait for such a moment, freeze the process (SIGSTOP) so the set cannot change, look, then SIGKILL.
            List<List<String>> held = new ArrayList<>(List.of(List.of()));
            GatewayProcess frozen = a;
            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(1))
                    .until(() -> {
                        if (pending(redis, stream, "gateway-a").isEmpty()) {
                            return false;
                        }
                        frozen.signal("STOP");
                        held.set(0, settledPending(redis, stream));
                        if (held.get(0).isEmpty()) {
                            frozen.signal("CONT");
                            return false;
                        }
                        return true;
                    });
            List<String> heldAtKill = held.get(0);
            int ackedBeforeKill = load.acknowledgedCount();
            long killedAt = System.nanoTime();
            a.kill9();
            b = GatewayProcess.start(envB, operatorFile, port, dir.resolve("gateway-b.log"));
            long upAt = System.nanoTime();
            await().atMost(Duration.ofSeconds(30)).until(() -> l.acknowledgedCount() >= ackedBeforeKill + MIN_ACKS);
            load.stop(Duration.ofSeconds(20));

            List<Intake> stored = stream(redis, prefix);
            Map<Integer, Integer> statuses = load.statuses();
            long firstAck = load.firstAckAfter(killedAt);
            List<AppealLoad.Answer> answers = load.answers();
            System.out.printf(
                    "[faults] gateway kill -9: %d clients, %d appeals acknowledged (%d before the kill), "
                            + "%d stored; answers %s (0: refused/reset/timed out); new JVM healthy %.2f s after the "
                            + "kill, first 201 %.2f s after the kill; %d entries the dead consumer held at the kill%n",
                    CLIENTS,
                    load.acknowledgedCount(),
                    ackedBeforeKill,
                    stored.size(),
                    statuses,
                    seconds(upAt - killedAt),
                    seconds(firstAck - killedAt),
                    heldAtKill.size());

            assertStoredAsAcknowledged(
                    load, stored, id -> store.byId(id).toCompletableFuture().join());
            // The new instance claims what the dead one's consumer held (reclaim-idle 1 s), and reads the rest.
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                PendingMessages summary = redis.xpending(stream, "gateway");
                return summary.getCount() == 0;
            });
            assertThat(redis.xlen(new StreamKeys(prefix).deadLetterStream()))
                    .as("entries dead-lettered")
                    .isZero();
            String lastDelivered = redis.xinfoGroups(stream).stream()
                    .map(o -> (List<?>) o)
                    .map(FaultsIT::lastDeliveredId)
                    .findFirst()
                    .orElseThrow();

            assertThat(ackedBeforeKill)
                    .as("appeals acknowledged before the kill")
                    .isGreaterThanOrEqualTo(MIN_ACKS);
            assertThat(statuses.keySet())
                    .as("answers: 201, 503 or no answer from the dead JVM; never 500")
                    .isSubsetOf(201, 503, 0);
            assertThat(answers.stream().filter(x -> x.status() == 503)).allMatch(AppealLoad.Answer::retryAfter);
            assertThat(statuses.getOrDefault(0, 0))
                    .as("requests the kill cut off")
                    .isPositive();
            assertThat(answers.stream()
                            .filter(x -> x.status() == 201 && x.nanos() > upAt)
                            .count())
                    .as("201s from the new instance")
                    .isGreaterThanOrEqualTo(MIN_ACKS);
            assertThat(heldAtKill)
                    .as("entries the dead consumer had read and not acknowledged")
                    .isNotEmpty();
            assertThat(pending(redis, stream, "gateway-a"))
                    .as("left with the dead consumer")
                    .isEmpty();
            assertThat(StreamIdOrder.compare(
                            lastDelivered,
                            stored.isEmpty()
                                    ? "0-0"
                                    : redis.xrevrange(stream, Range.create("-", "+"), Limit.from(1))
                                            .getFirst()
                                            .getId()))
                    .as("every entry delivered to the group")
                    .isGreaterThanOrEqualTo(0);
            for (GatewayProcess g : List.of(a, b)) {
                String text = g.logText();
                assertThat(problems(text))
                        .as("errors or exceptions in the log of gateway %d:\n%s", g.pid(), context(text))
                        .isEmpty();
            }
        } finally {
            if (load != null) {
                load.close();
            }
            if (a != null) {
                a.close();
            }
            if (b != null) {
                b.close();
            }
            clients.close();
        }
    }

    /**
     * ERROR lines and exceptions in a gateway's log. One stack trace is not a fault of this test: Vert.x's
     * blocked-thread warning, which start-up can cause on a busy machine (the triage model is trained on the event
     * loop), printed before the gateway answers anything.
     */
    private static List<String> problems(String logText) {
        return logText.lines()
                .filter(line -> line.contains(" ERROR ")
                        || line.startsWith("Caused by:")
                        || line.matches("^[a-z][\\w.$]*\\.[A-Z][\\w$]*(Exception|Error)\\b.*")
                                && !line.equals("io.vertx.core.VertxException: Thread blocked"))
                .toList();
    }

    /** Each problem line with the 12 lines after it (its stack), so a rare failure says where it came from. */
    private static String context(String logText) {
        List<String> lines = logText.lines().toList();
        List<String> problems = problems(logText);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            if (problems.contains(lines.get(i))) {
                lines.subList(i, Math.min(lines.size(), i + 13))
                        .forEach(l -> out.append(l).append('\n'));
                out.append("--\n");
            }
        }
        return out.toString();
    }

    private static String lastDeliveredId(List<?> groupInfo) {
        for (int i = 0; i + 1 < groupInfo.size(); i += 2) {
            if ("last-delivered-id".equals(String.valueOf(groupInfo.get(i)))) {
                return String.valueOf(groupInfo.get(i + 1));
            }
        }
        throw new IllegalStateException("no last-delivered-id in " + groupInfo);
    }

    /** Stream ids compared as (ms, seq). */
    private static final class StreamIdOrder {
        static int compare(String x, String y) {
            String[] a = x.split("-");
            String[] b = y.split("-");
            int c = Long.compare(Long.parseLong(a[0]), Long.parseLong(b[0]));
            return c != 0 ? c : Long.compare(Long.parseLong(a[1]), Long.parseLong(b[1]));
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static final int CONNECTIONS = 2_000;
    private static final Duration HEADER_TIMEOUT = Duration.ofSeconds(5);

    private static long heapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    @Test
    @DisplayName("2,000 connections held open at once (half silent, half a partial request head): /health answers, "
            + "a signed appeal is accepted, the header timeout closes them all, the heap stays bounded")
    void twoThousandConnections() throws Exception {
        UnixOperatingSystemMXBean os = (UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long needed = os.getOpenFileDescriptorCount() + 2L * CONNECTIONS + 512; // both ends live in this JVM
        assumeThat(os.getMaxFileDescriptorCount())
                .as(
                        "open-file limit (ulimit -n) of the test JVM: %d connections "
                                + "need %d descriptors here (client and server ends); raise ulimit -n",
                        CONNECTIONS, needed)
                .isGreaterThanOrEqualTo(needed);

        byte[] partial = ("POST /api/v1/appeals HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "X-Slow: ")
                .getBytes(StandardCharsets.US_ASCII);
        List<SocketChannel> sockets = new ArrayList<>();
        long[] openedAt = new long[CONNECTIONS];
        long[] closedAt = new long[CONNECTIONS];
        try (ChannelGateway gw =
                        ChannelGateway.start(Map.of("JIESU_HTTP_HEADER_TIMEOUT", HEADER_TIMEOUT.toSeconds() + "s"));
                LogCapture log = LogCapture.attach();
                Selector selector = Selector.open();
                HttpClient http = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .build()) {
            Gauge open = gw.gateway.registry().find("http.connections.open").gauge();
            long heapBefore = heapAfterGc();
            long start = System.nanoTime();
            for (int i = 0; i < CONNECTIONS; i++) {
                SocketChannel s = SocketChannel.open(new InetSocketAddress("127.0.0.1", gw.port()));
                openedAt[i] = System.nanoTime();
                if (i % 2 == 1) {
                    s.write(ByteBuffer.wrap(partial));
                }
                s.configureBlocking(false);
                s.register(selector, SelectionKey.OP_READ, i);
                sockets.add(s);
            }
            long allOpen = System.nanoTime();
            await().atMost(Duration.ofSeconds(5)).until(() -> open.value() >= CONNECTIONS);
            double openGauge = open.value();

            long t = System.nanoTime();
            HttpResponse<String> health = http.send(
                    java.net.http.HttpRequest.newBuilder(
                                    java.net.URI.create("http://127.0.0.1:" + gw.port() + "/health"))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            long healthMs = Duration.ofNanos(System.nanoTime() - t).toMillis();
            String key = "conn-" + UUID.randomUUID();
            t = System.nanoTime();
            HttpResponse<String> appeal = http.send(
                    AppealLoad.request(gw.port(), key, AppealLoad.body(key, "conn")),
                    HttpResponse.BodyHandlers.ofString());
            long appealMs = Duration.ofNanos(System.nanoTime() - t).toMillis();
            long heapOpen = heapAfterGc();
            long closedEarly = countClosed(selector, closedAt, 0);

            // Every held connection is closed by the header timeout (the silent ones too: no head in time).
            int closed = (int) closedEarly;
            long end = allOpen + HEADER_TIMEOUT.plusSeconds(5).toNanos();
            while (closed < CONNECTIONS && System.nanoTime() < end) {
                closed += countClosed(selector, closedAt, 200);
            }
            long minHeld = Long.MAX_VALUE;
            long maxHeld = 0;
            for (int i = 0; i < CONNECTIONS; i++) {
                if (closedAt[i] != 0) {
                    minHeld = Math.min(minHeld, closedAt[i] - openedAt[i]);
                    maxHeld = Math.max(maxHeld, closedAt[i] - openedAt[i]);
                }
            }
            System.out.printf(
                    "[faults] %d connections (ulimit -n %d) opened in %.2f s, open gauge %.0f; /health %d in "
                            + "%d ms, signed appeal %d in %d ms; heap after GC %d MB before, %d MB with them open; "
                            + "%d closed by the header timeout (%s) after %.2f..%.2f s; refused %.0f%n",
                    CONNECTIONS,
                    os.getMaxFileDescriptorCount(),
                    seconds(allOpen - start),
                    openGauge,
                    health.statusCode(),
                    healthMs,
                    appeal.statusCode(),
                    appealMs,
                    heapBefore >> 20,
                    heapOpen >> 20,
                    closed,
                    HEADER_TIMEOUT,
                    seconds(minHeld),
                    seconds(maxHeld),
                    gw.counter("http.connections.refused"));

            assertThat(openGauge).as("connections the gateway held at once").isGreaterThanOrEqualTo(CONNECTIONS);
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(healthMs)
                    .as("/health with %d connections held", CONNECTIONS)
                    .isLessThan(2_000);
            assertThat(appeal.statusCode()).as(appeal.body()).isEqualTo(201);
            assertThat(appealMs)
                    .as("signed appeal with %d connections held", CONNECTIONS)
                    .isLessThan(3_000);
            String intakeId = new io.vertx.core.json.JsonObject(appeal.body()).getString("intakeId");
            assertThat(gw.appeal(intakeId)).as("the appeal is stored").isPresent();
            assertThat(closed)
                    .as("held connections closed by the header timeout")
                    .isEqualTo(CONNECTIONS);
            assertThat(Duration.ofNanos(minHeld))
                    .as("none closed before the header timeout")
                    .isGreaterThanOrEqualTo(HEADER_TIMEOUT.minusMillis(200));
            assertThat(Duration.ofNanos(maxHeld)).isLessThan(HEADER_TIMEOUT.plusSeconds(3));
            assertThat(gw.counter("http.connections.refused"))
                    .as("under the cap (4,096): none refused")
                    .isZero();
            assertThat(heapOpen - heapBefore)
                    .as("heap growth with %d connections held", CONNECTIONS)
                    .isLessThan(64L << 20);
            await().atMost(Duration.ofSeconds(5)).until(() -> open.value() <= 1);
            assertThat(log.stackTraces()).as("stack traces in the log").isEmpty();
        } finally {
            for (SocketChannel s : sockets) {
                s.close();
            }
        }
    }

    /** Reads whatever is ready; marks connections the server closed (EOF or reset). Returns how many it marked. */
    private static int countClosed(Selector selector, long[] closedAt, long waitMs) throws IOException {
        int n = waitMs == 0 ? selector.selectNow() : selector.select(waitMs);
        if (n == 0) {
            return 0;
        }
        int closed = 0;
        ByteBuffer buf = ByteBuffer.allocate(4096);
        Set<SelectionKey> ready = new HashSet<>(selector.selectedKeys());
        selector.selectedKeys().clear();
        for (SelectionKey k : ready) {
            SocketChannel s = (SocketChannel) k.channel();
            int read;
            try {
                buf.clear();
                read = s.read(buf);
            } catch (IOException reset) {
                read = -1;
            }
            if (read < 0) {
                closedAt[(Integer) k.attachment()] = System.nanoTime();
                k.cancel();
                s.close();
                closed++;
            }
        }
        return closed;
    }
}
