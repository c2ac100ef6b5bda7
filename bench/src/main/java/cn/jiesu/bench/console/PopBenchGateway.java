package cn.jiesu.bench.console;

import cn.jiesu.core.console.AgentAccount;
import cn.jiesu.core.console.PasswordHasher;
import cn.jiesu.core.console.Role;
import cn.jiesu.core.console.SignInPolicy;
import cn.jiesu.core.intake.RequestType;
import cn.jiesu.core.intake.Urgency;
import cn.jiesu.core.sla.SlaPolicy;
import cn.jiesu.gateway.Gateway;
import cn.jiesu.gateway.config.HttpConfig;
import cn.jiesu.gateway.console.AgentCallEvents;
import cn.jiesu.gateway.console.CallOffer;
import cn.jiesu.gateway.console.ConsoleConfig;
import cn.jiesu.gateway.console.ConsoleTelephony;
import cn.jiesu.gateway.console.ConsoleVerticle;
import cn.jiesu.gateway.console.IvrPath;
import cn.jiesu.gateway.console.SignInConfig;
import cn.jiesu.gateway.console.WallboardMeters;
import cn.jiesu.gateway.http.AuditLog;
import cn.jiesu.gateway.http.HttpVerticle;
import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.RedisConfig;
import cn.jiesu.redis.StreamKeys;
import cn.jiesu.redis.intake.RedisAppealStore;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The gateway side of the console pop benchmark: the console (Redis stores, HTTP + WebSocket) with N agent
 * accounts, plus a synthetic AMI event source standing in for the call tracker. Once N console sockets are open it
 * offers calls at the given rate, round robin over the agents (each call: offered, connected 2 s later, ended 10 s
 * later), after a 10 s warm-up at the same rate, then prints its CPU and heap over the run (including the calls'
 * ends) and the server-side pop latency ({@code console.pop.latency}).
 *
 * <p>Usage: {@code PopBenchGateway REDIS_URI PORT AGENTS CALLS_PER_S SECONDS}; prints {@code ready} when it
 * listens and {@code done} at the end.
 */
public final class PopBenchGateway {
    static final String PASSWORD = "bench-password";
    static final int WARM_UP_S = 10;
    static final long CALL_CONNECT_MS = 2_000;
    static final long CALL_END_MS = 10_000;

    private PopBenchGateway() {}

    public static void main(String[] args) throws Exception {
        URI redisUri = URI.create(args[0]);
        int port = Integer.parseInt(args[1]);
        int agents = Integer.parseInt(args[2]);
        int rate = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);

        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // The gateway publishes histogram buckets; the bench reports this process's p50/p99 of the pop.
        registry.config().meterFilter(new io.micrometer.core.instrument.config.MeterFilter() {
            @Override
            public io.micrometer.core.instrument.distribution.DistributionStatisticConfig configure(
                    io.micrometer.core.instrument.Meter.Id id,
                    io.micrometer.core.instrument.distribution.DistributionStatisticConfig config) {
                return id.getName().equals("console.pop.latency")
                        ? io.micrometer.core.instrument.distribution.DistributionStatisticConfig.builder()
                                .percentiles(0.5, 0.99)
                                .build()
                                .merge(config)
                        : config;
            }
        });
        Vertx vertx = Vertx.vertx();
        String prefix = "bench:console:" + UUID.randomUUID().toString().substring(0, 8) + ":";
        RedisConfig rc = RedisConfig.defaults(redisUri).withKeyPrefix(prefix);
        RedisClients redis = RedisClients.connect(rc, registry);
        Clock clock = Clock.systemUTC();
        RedisAppealStore appeals = new RedisAppealStore(redis, new StreamKeys(prefix), rc, registry, clock);
        ConsoleConfig config = config(agents);
        ConsoleVerticle console = new ConsoleVerticle(
                config,
                registry,
                clock,
                SlaPolicy.BEIJING,
                appeals,
                Gateway.consoleStores(redis, appeals, config, clock),
                ConsoleTelephony.none(),
                new AuditLog(org.slf4j.LoggerFactory.getLogger("jiesu.audit"), clock),
                java.time.ZoneId.of("Asia/Shanghai"));
        vertx.deployVerticle(console).await();
        HttpVerticle http = new HttpVerticle(
                new HttpConfig("127.0.0.1", port, 65536, Duration.ofSeconds(4)), registry, List.of(console::mount));
        vertx.deployVerticle(http).await();
        System.out.println("ready " + http.actualPort());

        while (registry.find("console.sockets").gauge().value() < agents) {
            Thread.sleep(50);
        }
        System.out.println("agents connected: " + agents);
        // Warm-up at the same rate (JIT, connection pools); the agents ignore these pops (linkedid "warm.*").
        run(vertx, console.events(), agents, rate, WARM_UP_S, "warm.");
        Thread.sleep(CALL_END_MS + 1_000);
        Timer latency = registry.find("console.pop.latency").timer();
        long warmCount = latency.count();
        double cpuBefore = cpuSeconds();
        long wallBefore = System.nanoTime();
        long peakHeap = run(vertx, console.events(), agents, rate, seconds, "1764400000.");
        // Let every call connect and end: their state changes and wrap-ups are part of the load.
        Thread.sleep(CALL_END_MS + 1_000);
        double cpu = cpuSeconds() - cpuBefore;
        double wall = (System.nanoTime() - wallBefore) / 1e9;
        var snapshot = latency.takeSnapshot();
        System.out.printf("offered=%d delivered=%d%n", (long) rate * seconds, latency.count() - warmCount);
        System.out.printf(
                "server pop latency (incl. warm-up) p50=%.1fms p99=%.1fms max=%.1fms%n",
                pct(snapshot, 0.5), pct(snapshot, 0.99), snapshot.max(TimeUnit.MILLISECONDS));
        System.out.printf(
                "gateway cpu=%.2f cores (%.1f s cpu over %.1f s) peak-heap=%d MB heap-after-gc=%d MB%n",
                cpu / wall, cpu, wall, peakHeap, heapAfterGcMb());
        System.out.println("done");
        vertx.close().await();
        redis.close();
    }

    /** Offers {@code rate} calls per second for {@code seconds}; returns the peak heap seen, in MB. */
    private static long run(Vertx vertx, AgentCallEvents events, int agents, int rate, int seconds, String prefix)
            throws InterruptedException {
        long periodNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        long peakHeap = 0;
        int total = rate * seconds;
        for (int i = 0; i < total; i++) {
            long due = start + i * periodNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            String ext = Integer.toString(10_000 + i % agents);
            String linkedid = prefix + i;
            CallOffer offer = new CallOffer(
                    ext,
                    linkedid,
                    "1380000" + String.format("%04d", i % 10_000),
                    "hotline-general",
                    new IvrPath("zh", List.of("lang:1", "menu:3"), Urgency.NORMAL, RequestType.COMPLAINT),
                    Instant.now());
            events.offered(offer);
            vertx.setTimer(CALL_CONNECT_MS, t -> events.connected(offer));
            vertx.setTimer(CALL_END_MS, t -> events.ended(linkedid, Instant.now()));
            if (i % rate == 0) {
                peakHeap = Math.max(peakHeap, heapUsedMb());
            }
        }
        return peakHeap;
    }

    static ConsoleConfig config(int agents) {
        String hash = new PasswordHasher(new SecureRandom()).hash(PASSWORD.toCharArray(), 1_000);
        Map<String, AgentAccount> accounts = new LinkedHashMap<>();
        for (int i = 0; i < agents; i++) {
            String ext = Integer.toString(10_000 + i);
            accounts.put(ext, new AgentAccount(ext, "Agent " + ext, Role.AGENT, hash));
        }
        // Every agent signs in at once and the hashes are weak on purpose: the benchmark measures pops, not PBKDF2.
        SignInConfig signIn = new SignInConfig(
                new SignInPolicy(
                        5,
                        Duration.ofSeconds(1),
                        Duration.ofMinutes(15),
                        Duration.ofMinutes(15),
                        Math.max(100, agents),
                        Duration.ofHours(1),
                        Duration.ofDays(30)),
                10_000,
                2,
                agents,
                1_000);
        return new ConsoleConfig(
                true,
                Duration.ofMinutes(30),
                Duration.ofHours(12),
                false,
                signIn,
                Duration.ofHours(4),
                Duration.ofDays(90),
                20,
                Duration.ofMillis(250),
                Duration.ofDays(30),
                "12345",
                Duration.ofHours(24),
                Duration.ofSeconds(5),
                true,
                Duration.ofSeconds(60),
                "Local/{ext}@agent-sim/n",
                Duration.ofSeconds(2),
                new WallboardMeters(
                        "calls.in.ivr",
                        "queue.waiting",
                        "queue.longest.wait.seconds",
                        "callbacks.pending",
                        "callbacks.at.risk",
                        "intake.appended",
                        "intake.appended.tier",
                        "rates",
                        "triage.review.open",
                        "queue.answered",
                        "queue.abandoned",
                        "queue.answer.wait",
                        "queue.agents",
                        "priority"),
                new ConsoleConfig.ClickToCall("PJSIP/{ext}", "console-dial", "12345"),
                accounts);
    }

    private static double pct(io.micrometer.core.instrument.distribution.HistogramSnapshot s, double p) {
        for (var v : s.percentileValues()) {
            if (v.percentile() == p) {
                return v.value(TimeUnit.MILLISECONDS);
            }
        }
        return Double.NaN;
    }

    private static double cpuSeconds() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return os.getProcessCpuTime() / 1e9;
    }

    private static long heapUsedMb() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
    }

    private static long heapAfterGcMb() {
        System.gc();
        return heapUsedMb();
    }
}
