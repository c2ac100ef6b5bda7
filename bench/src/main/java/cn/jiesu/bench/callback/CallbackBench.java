package cn.jiesu.bench.callback;

import cn.jiesu.callbacks.AttemptListener;
import cn.jiesu.callbacks.BreachWatch;
import cn.jiesu.callbacks.CallbackScheduler;
import cn.jiesu.core.callback.AgentAvailability;
import cn.jiesu.core.callback.CallbackConfig;
import cn.jiesu.core.callback.CallbackDraft;
import cn.jiesu.core.callback.CallbackKind;
import cn.jiesu.core.callback.CallbackLeases;
import cn.jiesu.core.callback.CallbackMode;
import cn.jiesu.core.callback.CallbackOutcome;
import cn.jiesu.core.callback.CallbackPlanner;
import cn.jiesu.core.callback.CallbackStore;
import cn.jiesu.core.callback.CallingWindow;
import cn.jiesu.core.intake.IntakeIds;
import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.RedisConfig;
import cn.jiesu.redis.callback.CallbackKeys;
import cn.jiesu.redis.callback.RedisCallbackLeases;
import cn.jiesu.redis.callback.RedisCallbackStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The callback scheduler benchmark (issue 5): schedules N callbacks whose arrivals follow a 12345 day (deadline =
 * arrival + 2 h), runs a compressed day against real Redis with two scheduler instances sharing the schedule and a
 * simulated PBX, and prints: placed before deadline, lateness after due (p50/p99/max, simulated and wall-clock),
 * duplicates, peak concurrent calls against the trunk cap, peak at-risk, and CPU of the JVM and of Redis.
 *
 * <pre>java ... CallbackBench --uri redis://127.0.0.1:6379 [--callbacks 100000] [--rate 240] [--trunks 400]
 *     [--instances 2] [--talk-mean-s 120] [--within-min 120] [--quiet-hours false] [--seed 42]</pre>
 */
public final class CallbackBench {
    private CallbackBench() {}

    public static void main(String[] argv) throws Exception {
        Map<String, String> a = args(argv);
        URI uri = URI.create(a.getOrDefault("uri", "redis://127.0.0.1:6379"));
        int n = Integer.parseInt(a.getOrDefault("callbacks", "100000"));
        double rate = Double.parseDouble(a.getOrDefault("rate", "240"));
        int trunks = Integer.parseInt(a.getOrDefault("trunks", "400"));
        int instances = Integer.parseInt(a.getOrDefault("instances", "2"));
        Duration talk = Duration.ofSeconds(Long.parseLong(a.getOrDefault("talk-mean-s", "120")));
        Duration within = Duration.ofMinutes(Long.parseLong(a.getOrDefault("within-min", "120")));
        boolean quiet = Boolean.parseBoolean(a.getOrDefault("quiet-hours", "false"));
        long seed = Long.parseLong(a.getOrDefault("seed", "42"));
        Map<CallbackOutcome, Double> mix = new LinkedHashMap<>();
        mix.put(CallbackOutcome.ANSWERED, 0.75);
        mix.put(CallbackOutcome.NO_ANSWER, 0.10);
        mix.put(CallbackOutcome.BUSY, 0.08);
        mix.put(CallbackOutcome.MACHINE, 0.05);
        mix.put(CallbackOutcome.CONGESTION, 0.02);

        String prefix = "bench:cb:" + UUID.randomUUID().toString().substring(0, 8) + ":";
        // A long command timeout: on a shared machine a busy neighbour must slow the run down, not abort it.
        RedisClients clients = RedisClients.connect(
                RedisConfig.defaults(uri).withKeyPrefix(prefix).withCommandTimeout(Duration.ofSeconds(30)),
                new SimpleMeterRegistry());
        CallbackKeys keys = new CallbackKeys(prefix);
        Instant midnight = LocalDateTime.parse("2026-03-10T00:00:00")
                .atZone(CallingWindow.BEIJING)
                .toInstant();
        CallingWindow window = quiet
                ? CallingWindow.DEFAULT
                : new CallingWindow(CallingWindow.BEIJING, LocalTime.NOON, LocalTime.NOON, Set.of());
        // Timing in simulated time: the scheduler's sleeps shrink by the clock rate.
        CallbackConfig cfg = CallbackConfig.DEFAULT
                .withWindow(window)
                .withCapacity(trunks, talk, 50)
                .withTiming(
                        Duration.ofSeconds(600),
                        Duration.ofMillis(100),
                        Duration.ofSeconds(60),
                        Duration.ofSeconds(600));

        System.out.printf(
                Locale.ROOT,
                "callback-bench: n=%d rate=%.0fx trunks=%d instances=%d talk=%ds within=%dm"
                        + " quiet=%b cores=%d peak-hour-share=%.3f load=%s%n",
                n,
                rate,
                trunks,
                instances,
                talk.toSeconds(),
                within.toMinutes(),
                quiet,
                Runtime.getRuntime().availableProcessors(),
                DayProfile.peakHourShare(),
                loadAverage());

        // 1. Schedule the day up front (notBefore = arrival): the schedule holds all N from the start.
        Clock before = Clock.fixed(midnight.minusSeconds(60), CallingWindow.BEIJING);
        CallbackStore setup = new RedisCallbackStore(
                clients,
                keys,
                new CallbackPlanner(cfg, before),
                new IntakeIds(before, new Random(seed)),
                new SimpleMeterRegistry());
        Instant[] arrivals = DayProfile.arrivals(midnight, n, new Random(seed));
        long t0 = System.nanoTime();
        Semaphore inFlight = new Semaphore(256);
        List<String> ids = new ArrayList<>(n);
        List<CompletableFuture<String>> pending = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            inFlight.acquire();
            CallbackDraft d = new CallbackDraft(
                    "bench-" + i,
                    CallbackKind.RETURN_VISIT,
                    String.format("138%08d", i),
                    arrivals[i],
                    arrivals[i].plus(within),
                    false,
                    CallbackMode.CITIZEN_FIRST,
                    null);
            pending.add(setup.schedule(d)
                    .toCompletableFuture()
                    .whenComplete((s, e) -> inFlight.release())
                    .thenApply(s -> s.callback().callbackId()));
        }
        for (CompletableFuture<String> f : pending) {
            ids.add(f.get(60, TimeUnit.SECONDS));
        }
        System.out.printf(Locale.ROOT, "scheduled %d callbacks in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);

        // 2. Run the compressed day with the schedulers sharing the store.
        CompressedClock clock = new CompressedClock(midnight, rate, CallingWindow.BEIJING);
        CallbackPlanner planner = new CallbackPlanner(cfg, clock);
        SimulatedCalls pbx = new SimulatedCalls(clock, planner, rate, mix, talk, midnight);
        List<CallbackScheduler> schedulers = new ArrayList<>();
        List<BreachWatch> watches = new ArrayList<>();
        List<SimpleMeterRegistry> registries = new ArrayList<>();
        CallbackLeases leases = new RedisCallbackLeases(clients, keys, clock);
        for (int i = 0; i < instances; i++) {
            SimpleMeterRegistry r = new SimpleMeterRegistry();
            registries.add(r);
            schedulers.add(new CallbackScheduler(
                    "bench-" + i,
                    cfg,
                    planner,
                    new RedisCallbackLeases(clients, keys, clock),
                    pbx,
                    pbx,
                    AgentAvailability.unlimited(),
                    AttemptListener.NONE,
                    r,
                    clock,
                    rate));
            watches.add(new BreachWatch("bench-" + i, cfg, leases, r, clock, true));
        }
        double redisCpu0 = redisCpu(clients);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long wall0 = System.nanoTime();
        schedulers.forEach(CallbackScheduler::start);
        // Each watch on its own thread every risk-interval of simulated time (the gateway runs it on a Loop).
        Duration forecastEvery = Duration.ofNanos((long) (cfg.riskInterval().toNanos() / rate));
        List<Thread> forecasters = watches.stream()
                .map(w -> Thread.ofVirtual().name("callback-forecast").start(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        try {
                            w.runOnce();
                        } catch (InterruptedException e) {
                            return;
                        } catch (Exception e) {
                            System.err.println("callback forecast: " + e);
                        }
                        try {
                            Thread.sleep(forecastEvery);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }))
                .toList();
        Instant end = midnight.plus(Duration.ofHours(24)).plus(within).plus(Duration.ofMinutes(30));
        long peakRisk = 0;
        long lastReport = 0;
        while (true) {
            Thread.sleep(500);
            long open = leases.atRiskCount().toCompletableFuture().get(10, TimeUnit.SECONDS);
            peakRisk = Math.max(peakRisk, open);
            long openCount = setup.openCount().toCompletableFuture().get(10, TimeUnit.SECONDS);
            if (System.nanoTime() - lastReport > 30e9) {
                lastReport = System.nanoTime();
                System.out.printf(
                        Locale.ROOT,
                        "  sim %s: open=%d dials=%d concurrent=%d at-risk=%d%n",
                        LocalDateTime.ofInstant(clock.instant(), CallingWindow.BEIJING)
                                .toLocalTime()
                                .withNano(0),
                        openCount,
                        pbx.dials.sum(),
                        pbx.concurrent(),
                        open);
            }
            if ((openCount == 0 && pbx.concurrent() == 0) || clock.instant().isAfter(end)) {
                break;
            }
        }
        long wall = System.nanoTime() - wall0;
        long cpu = os.getProcessCpuTime() - cpu0;
        double redisCpu = redisCpu(clients) - redisCpu0;
        forecasters.forEach(Thread::interrupt);
        schedulers.forEach(s -> s.stop(Duration.ofSeconds(2)));

        // 3. Cross-check the store: started attempts per callback equal the PBX's dials of it.
        long reached = 0;
        long unreached = 0;
        long open = 0;
        var async = clients.shared().async();
        long storedAttempts = 0;
        for (int from = 0; from < ids.size(); from += 1000) {
            List<CompletableFuture<List<io.lettuce.core.KeyValue<String, String>>>> reads = new ArrayList<>();
            for (String id : ids.subList(from, Math.min(ids.size(), from + 1000))) {
                reads.add(async.hmget(keys.callback(id), "status", "attempts").toCompletableFuture());
            }
            for (var r : reads) {
                var f = r.get(30, TimeUnit.SECONDS);
                storedAttempts += Long.parseLong(f.get(1).getValueOrElse("0"));
                switch (f.get(0).getValueOrElse("?")) {
                    case "REACHED" -> reached++;
                    case "UNREACHED" -> unreached++;
                    default -> open++;
                }
            }
        }

        long dialed = pbx.callbacksDialed();
        System.out.printf(
                Locale.ROOT,
                "wall %.1f s for %.1f simulated h, load average at the end %s%n",
                wall / 1e9,
                Duration.between(midnight, clock.instant()).toMinutes() / 60.0,
                loadAverage());
        System.out.printf(
                Locale.ROOT,
                "callbacks %d: dialed %d, reached %d, unreached %d, still open %d%n",
                n,
                dialed,
                reached,
                unreached,
                open);
        System.out.printf(
                Locale.ROOT,
                "placed before deadline (first attempt by placeBy): %.3f %% (%d late)%n",
                100.0 * (dialed - pbx.firstAfterPlaceBy.sum()) / n,
                pbx.firstAfterPlaceBy.sum());
        LatencyLog.print(pbx.lateness(), rate);
        System.out.println("attempts over 1 s late, by simulated hour placed:" + pbx.lateHours(rate));
        System.out.printf(
                Locale.ROOT,
                "dials %d, started attempts in the store %d, duplicate ChannelIds %d," + " dials after an answer %d%n",
                pbx.dials.sum(),
                storedAttempts,
                pbx.duplicateChannels.sum(),
                pbx.dialsAfterAnswer.sum());
        System.out.printf(Locale.ROOT, "outcomes %s%n", pbx.outcomes);
        System.out.printf(
                Locale.ROOT,
                "peak concurrent calls %d (trunk cap %d), peak at-risk %d%n",
                pbx.maxConcurrent.get(),
                trunks,
                peakRisk);
        System.out.printf(
                Locale.ROOT,
                "cpu: bench JVM (2 schedulers + simulated PBX) %.1f s = %.2f cores;"
                        + " redis-server %.1f s = %.2f cores%n",
                cpu / 1e9,
                (double) cpu / wall,
                redisCpu,
                redisCpu / (wall / 1e9));
        pbx.close();
        clients.close();
        System.exit(0);
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg"))
                    .trim();
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    private static double redisCpu(RedisClients clients) throws Exception {
        String info = clients.shared().async().info("cpu").get(10, TimeUnit.SECONDS);
        double total = 0;
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("used_cpu_user:") || line.startsWith("used_cpu_sys:")) {
                total +=
                        Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return total;
    }

    private static Map<String, String> args(String[] argv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            if (!argv[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value, got " + argv[i]);
            }
            m.put(argv[i].substring(2), argv[i + 1]);
        }
        return m;
    }
}
