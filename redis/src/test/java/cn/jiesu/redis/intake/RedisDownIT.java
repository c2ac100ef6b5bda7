package cn.jiesu.redis.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import cn.jiesu.core.appeal.AppealStoreException;
import cn.jiesu.core.appeal.AppendResult;
import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.RedisConfig;
import cn.jiesu.redis.StreamKeys;
import cn.jiesu.redis.TestRedis;
import cn.jiesu.testkit.Stages;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Runs its own redis-server (not the shared test one), because it kills it. */
class RedisDownIT {
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(1);

    private Process redisServer;
    private RedisClients clients;

    @AfterEach
    void tearDown() {
        if (clients != null) {
            clients.close();
        }
        if (redisServer != null) {
            redisServer.destroyForcibly();
        }
    }

    @Test
    @DisplayName("With Redis gone an append fails fast with a typed error, and appends work again once it is back")
    void redisDown() throws Exception {
        int port = freePort();
        redisServer = startRedis(port);
        RedisConfig config = RedisConfig.defaults(URI.create("redis://127.0.0.1:" + port))
                .withKeyPrefix(TestRedis.uniquePrefix("down"))
                .withCommandTimeout(COMMAND_TIMEOUT);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ch.qos.logback.classic.Logger logger =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(RedisClients.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines =
                new ch.qos.logback.core.read.ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        clients = RedisClients.connect(config, registry);
        RedisAppealStore store =
                new RedisAppealStore(clients, new StreamKeys(config.keyPrefix()), config, registry, Clock.systemUTC());
        assertThat(Stages.await(store.append(Intakes.web("before").build())).duplicate())
                .isFalse();
        assertThat(registry.get("redis.connection.up").gauge().value()).isEqualTo(1);
        // Named, so that scripts/lib/redis.sh tells a gateway's connections from a redis-cli's.
        assertThat(clients.shared().sync().clientList()).contains(" name=" + RedisClients.CLIENT_NAME + " ");

        redisServer.destroyForcibly();
        assertThat(redisServer.waitFor(10, TimeUnit.SECONDS)).isTrue();

        long start = System.nanoTime();
        var during = store.append(Intakes.web("during").build()).toCompletableFuture();
        // Bounded: a hang fails here with a TimeoutException instead of blocking the build.
        assertThatThrownBy(() -> during.get(COMMAND_TIMEOUT.toMillis() + 2_000, TimeUnit.MILLISECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOfAny(AppealStoreException.Unavailable.class, AppealStoreException.Timeout.class)
                .satisfies(
                        e -> assertThat(((AppealStoreException) e).retriable()).isTrue());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(COMMAND_TIMEOUT.plusMillis(1_500));
        await().atMost(Duration.ofSeconds(5)).until(() -> !clients.isConnected());
        assertThat(registry.get("redis.connection.up").gauge().value()).isZero();
        // The series exist from the start (an alert needs them before the first failure): the count must move.
        assertThat(registry.find("intake.append.failed").counters().stream()
                        .mapToDouble(io.micrometer.core.instrument.Counter::count)
                        .sum())
                .isPositive();
        assertThatThrownBy(() -> clients.ping().toCompletableFuture().get(5, TimeUnit.SECONDS))
                .cause()
                .isInstanceOf(AppealStoreException.class);

        redisServer = startRedis(port); // same port, empty data and an empty script cache (EVALSHA -> EVAL fallback)
        AtomicInteger attempt = new AtomicInteger();
        AppendResult after = await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(
                        () -> store.append(Intakes.web("after-" + attempt.incrementAndGet())
                                        .build())
                                .toCompletableFuture()
                                .get(5, TimeUnit.SECONDS),
                        r -> !r.duplicate());
        assertThat(after.appealNo()).isNotNull();
        assertThat(clients.isConnected()).isTrue();
        assertThat(clients.ping().toCompletableFuture().get(5, TimeUnit.SECONDS))
                .isPositive();
        clients.close();
        clients = null;
        logger.detachAppender(lines);
        // The outage said once each way, whatever the reconnect attempts; the close says nothing.
        assertThat(lines.list.stream()
                        .map(e -> e.getLevel() + " " + e.getFormattedMessage())
                        .filter(l -> !l.contains("connected to redis://")))
                .hasSize(2)
                .first()
                .asString()
                .startsWith("WARN redis: lost the connection to redis://127.0.0.1:" + port);
        assertThat(lines.list.getLast().getFormattedMessage())
                .matches("redis: connected again to redis://127\\.0\\.0\\.1:" + port + " after \\d+ s");
    }

    @Test
    @DisplayName("A consumer rides out a Redis restart: it recreates its lost group and handles later appends")
    void consumerSurvivesRestart() throws Exception {
        int port = freePort();
        redisServer = startRedis(port);
        RedisConfig config = RedisConfig.defaults(URI.create("redis://127.0.0.1:" + port))
                .withKeyPrefix(TestRedis.uniquePrefix("down"))
                .withCommandTimeout(COMMAND_TIMEOUT)
                .withConsumer(Duration.ofMillis(500), 3, Duration.ofMillis(200), 10);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        clients = RedisClients.connect(config, registry);
        StreamKeys keys = new StreamKeys(config.keyPrefix());
        RedisAppealStore store = new RedisAppealStore(clients, keys, config, registry, Clock.systemUTC());
        Set<String> handled = ConcurrentHashMap.newKeySet();
        IntakeConsumer consumer = new IntakeConsumer(
                clients,
                keys,
                config,
                "routing",
                "c1",
                entry -> {
                    handled.add(entry.intake().channelMessageId());
                    return CompletableFuture.completedFuture(null);
                },
                registry,
                Clock.systemUTC());
        try {
            Stages.await(consumer.start());
            Stages.await(store.append(Intakes.web("before").build()));
            await().atMost(Duration.ofSeconds(10)).until(() -> handled.contains("before"));

            redisServer.destroyForcibly();
            assertThat(redisServer.waitFor(10, TimeUnit.SECONDS)).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() -> !clients.isConnected());
            redisServer = startRedis(port); // empty: the stream and the group are gone

            AtomicInteger attempt = new AtomicInteger();
            await().atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(200))
                    .ignoreExceptions()
                    .until(() -> store.append(Intakes.web("after-" + attempt.incrementAndGet())
                                            .build())
                                    .toCompletableFuture()
                                    .get(5, TimeUnit.SECONDS)
                            != null);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> handled.stream().anyMatch(id -> id.startsWith("after-")));
            assertThat(consumer.isRunning()).isTrue();
        } finally {
            consumer.stop();
        }
    }

    private static Process startRedis(int port) throws IOException {
        Process p = new ProcessBuilder(
                        "redis-server",
                        "--port",
                        Integer.toString(port),
                        "--bind",
                        "127.0.0.1",
                        "--save",
                        "",
                        "--appendonly",
                        "no")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> pongs(port));
        return p;
    }

    private static boolean pongs(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            s.setSoTimeout(500);
            OutputStream out = s.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[7];
            int n = in.readNBytes(buf, 0, 7);
            return n == 7 && new String(buf, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
