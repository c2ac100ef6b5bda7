package cn.jiesu.bench.channels;

import cn.jiesu.gateway.Gateway;
import cn.jiesu.gateway.GatewayConfig;
import cn.jiesu.gateway.config.ConfigLoader;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The app API under wrk against a bare Vert.x route (in a JVM of its own), in the same run: appeals per second and latency of
 * {@code POST /api/v1/appeals} (API key, HMAC-SHA256 signature over the body, JSON parse and checks, keyword
 * classification, raw payload stored and the exactly-once append, both in Redis before the 201) versus a route
 * that reads the body and answers 202.
 *
 * <p>wrk cannot sign, so the requests are signed before each run (fresh timestamps) and wrk's Lua cycles through
 * them. Each request has its own nonce, which is the dedupe id; the gateway's dedupe window (and the raw payload
 * retention) is set to 1 s, so a request repeated when wrk wraps around, seconds later, is appended as a new
 * appeal, doing exactly the work of a first delivery. The stream length before and after each run is compared
 * with wrk's request count to show how many requests were fresh appends. After each app run the harness waits for
 * the stream's consumers (cross-channel merge, callbacks) to drain before measuring again. Both routes are warmed
 * up first (JIT) with a run of {@code --warmup} seconds each.
 *
 * <pre>
 * ChannelsBench --redis redis://127.0.0.1:PORT --work DIR [--seconds 15] [--threads 2] [--connections 64]
 *               [--rounds 3] [--requests 200000] [--warmup 30] [--label everysec]
 * </pre>
 * Prints one line per run ({@code label=... round=... op=bare|app rps=... p50_ms=... p99_ms=... ...}).
 */
public final class ChannelsBench {
    private static final String KEY = "k-bench-client-01";
    private static final String SECRET = "bench-secret-0123456789abcdef";

    private ChannelsBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        String redisUri = a.get("redis");
        Path work = Path.of(a.get("work"));
        int seconds = Integer.parseInt(a.getOrDefault("seconds", "15"));
        int threads = Integer.parseInt(a.getOrDefault("threads", "2"));
        int connections = Integer.parseInt(a.getOrDefault("connections", "64"));
        int rounds = Integer.parseInt(a.getOrDefault("rounds", "3"));
        int requests = Integer.parseInt(a.getOrDefault("requests", "200000"));
        String label = a.getOrDefault("label", "run");
        int warmup = Integer.parseInt(a.getOrDefault("warmup", "30"));

        Path operator = work.resolve("bench.yaml");
        Files.writeString(
                operator,
                "channels:\n  app:\n    clients:\n      bench: {api-key: " + KEY + ", secret: " + SECRET + "}\n");
        Map<String, String> env = new HashMap<>();
        env.put("JIESU_REDIS_URI", redisUri);
        env.put("JIESU_HTTP_HOST", "127.0.0.1");
        env.put("JIESU_HTTP_PORT", "0");
        env.put("JIESU_REDIS_KEY_PREFIX", "bench:");
        env.put("JIESU_REDIS_DEDUPE_WINDOW", "1s");
        env.put("JIESU_CHANNELS_RAW_RETENTION", "1s");
        env.put("JIESU_CHANNELS_QUOTA_BURST", "1000000");
        env.put("JIESU_CHANNELS_QUOTA_PER_SECOND", "1000000");
        env.put("JIESU_CHANNELS_QUOTA_MAX_IN_FLIGHT", "100000");
        env.put("JIESU_CLASSIFICATION_RELOAD_ON_SIGHUP", "false");
        env.put("JIESU_AGI_ENABLED", "false");
        env.put("JIESU_CONSOLE_ENABLED", "false");
        GatewayConfig config = GatewayConfig.from(ConfigLoader.load(operator, env));
        Gateway gateway = Gateway.start(config, Clock.systemUTC()).await();
        BareServer.Child bare = BareServer.Child.start("512m");

        Path signedLua = work.resolve("signed.lua");
        Path bareLua = work.resolve("bare.lua");
        Path bareBody = work.resolve("bare-body.json");
        Files.writeString(signedLua, WrkRun.SIGNED_LUA);
        Files.writeString(bareLua, WrkRun.BARE_LUA);
        Files.writeString(bareBody, SignedRequests.sampleBody());

        RedisClient client = RedisClient.create(redisUri);
        try (StatefulRedisConnection<String, String> conn = client.connect()) {
            RedisCommands<String, String> redis = conn.sync();
            warmUp(work, gateway, bare, signedLua, bareLua, bareBody, threads, connections, warmup);
            drain(redis);
            for (int round = 1; round <= rounds; round++) {
                Cpu bareStart = Cpu.now(redis, bare.cpuNanos());
                WrkRun b = WrkRun.run(
                        "bare-" + round,
                        "http://127.0.0.1:" + bare.port(),
                        bareLua,
                        List.of(bareBody.toString()),
                        threads,
                        connections,
                        seconds);
                Cpu bareCost = Cpu.now(redis, bare.cpuNanos()).minus(bareStart);
                Path file = work.resolve("signed-" + round + ".tsv");
                int bodyBytes = SignedRequests.write(file, requests, SECRET, round * 7919L);
                long before = redis.xlen("bench:intake");
                Cpu appStart = Cpu.now(redis, ownCpuNanos());
                CommandStats statsStart = CommandStats.of(redis);
                WrkRun app = WrkRun.run(
                        "app-" + round,
                        "http://127.0.0.1:" + gateway.httpPort(),
                        signedLua,
                        List.of(file.toString(), Integer.toString(threads), KEY),
                        threads,
                        connections,
                        seconds);
                long appended = redis.xlen("bench:intake") - before;
                long drainMs = drain(redis);
                Cpu appCost = Cpu.now(redis, ownCpuNanos()).minus(appStart); // includes the consumers catching up
                print(label, round, "bare", b, -1, 0, 0, bareCost);
                print(label, round, "app", app, appended, bodyBytes, drainMs, appCost);
                // Command time per appeal (µs) and calls per appeal, the consumers' catch-up included.
                System.out.printf(
                        "label=%s round=%d redis_commands_us_per_appeal=%s%n",
                        label, round, CommandStats.of(redis).perAppeal(statsStart, appended, 12));
                System.out.printf(
                        "label=%s round=%d ratio_app_to_bare=%.3f load=%s%n",
                        label,
                        round,
                        app.requestsPerSecond() / b.requestsPerSecond(),
                        Files.readString(Path.of("/proc/loadavg")).trim().split(" ")[0]);
                Files.delete(file);
                redis.flushall(); // bound memory and AOF between rounds; the merge consumer recreates its group
            }
        } finally {
            client.shutdown();
            bare.close();
            gateway.stop().join();
        }
    }

    private static void warmUp(
            Path work,
            Gateway gateway,
            BareServer.Child bare,
            Path signedLua,
            Path bareLua,
            Path bareBody,
            int threads,
            int connections,
            int seconds)
            throws Exception {
        Path file = work.resolve("signed-warmup.tsv");
        SignedRequests.write(file, 100_000, SECRET, 1L);
        WrkRun.run(
                "warmup-bare",
                "http://127.0.0.1:" + bare.port(),
                bareLua,
                List.of(bareBody.toString()),
                threads,
                connections,
                seconds);
        WrkRun.run(
                "warmup-app",
                "http://127.0.0.1:" + gateway.httpPort(),
                signedLua,
                List.of(file.toString(), Integer.toString(threads), KEY),
                threads,
                connections,
                seconds);
        Files.delete(file);
    }

    /** Waits until the merge consumer has read and acknowledged every entry; returns how long that took. */
    private static long drain(RedisCommands<String, String> redis) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (redis.exists("bench:intake") == 0) {
                return 0;
            }
            List<Object> groups = redis.xinfoGroups("bench:intake");
            boolean idle = !groups.isEmpty(); // after FLUSHALL the consumer recreates its group (from 0-0)
            String last = lastId(redis);
            for (Object g : groups) {
                List<?> fields = (List<?>) g;
                Map<String, Object> m = new HashMap<>();
                for (int i = 0; i + 1 < fields.size(); i += 2) {
                    m.put(String.valueOf(fields.get(i)), fields.get(i + 1));
                }
                idle &= Long.parseLong(String.valueOf(m.get("pending"))) == 0
                        && (last == null || last.equals(String.valueOf(m.get("last-delivered-id"))));
            }
            if (idle) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the merge consumer did not drain within 5 minutes");
    }

    private static String lastId(RedisCommands<String, String> redis) {
        var last = redis.xrevrange(
                "bench:intake", io.lettuce.core.Range.create("-", "+"), io.lettuce.core.Limit.create(0, 1));
        return last.isEmpty() ? null : last.get(0).getId();
    }

    private static void print(
            String label, int round, String op, WrkRun r, long appended, int bodyBytes, long drainMs, Cpu cost) {
        long n = Math.max(1, r.requests());
        System.out.printf(
                "label=%s round=%d op=%s rps=%.0f p50_ms=%.2f p99_ms=%.2f requests=%d non2xx=%d "
                        + "socket_errors=%d jvm_cpu_us_per_req=%.0f redis_cpu_us_per_req=%.0f%s%n",
                label,
                round,
                op,
                r.requestsPerSecond(),
                r.p50Ms(),
                r.p99Ms(),
                r.requests(),
                r.non2xx(),
                r.errors(),
                cost.jvmNanos() / 1e3 / n,
                cost.redisMicros() / (double) n,
                appended < 0
                        ? ""
                        : String.format(
                                " appended=%d fresh=%.3f body_bytes=%d consumer_drain_ms=%d",
                                appended, (double) appended / n, bodyBytes, drainMs));
    }

    /** CPU this JVM (the gateway with its consumers) has used so far, in nanoseconds. */
    private static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** CPU used so far by the JVM serving the route (not wrk) and by Redis. */
    private record Cpu(long jvmNanos, long redisMicros) {
        static Cpu now(RedisCommands<String, String> redis, long jvmNanos) {
            double seconds = 0;
            for (String line : redis.info("cpu").split("\\r?\\n")) {
                if (line.startsWith("used_cpu_sys:") || line.startsWith("used_cpu_user:")) {
                    seconds += Double.parseDouble(
                            line.substring(line.indexOf(':') + 1).trim());
                }
            }
            return new Cpu(jvmNanos, (long) (seconds * 1e6));
        }

        Cpu minus(Cpu start) {
            return new Cpu(jvmNanos - start.jvmNanos, redisMicros - start.redisMicros);
        }
    }
}
