package cn.jiesu.bench.ivr;

import cn.jiesu.ivr.agi.AgiConfig;
import cn.jiesu.ivr.agi.IvrAgiServer;
import cn.jiesu.ivr.flow.CallRef;
import cn.jiesu.ivr.flow.FlowObserver;
import cn.jiesu.ivr.flow.FlowResult;
import cn.jiesu.ivr.flow.FlowServices;
import cn.jiesu.ivr.flow.IvrDefinition;
import cn.jiesu.ivr.flow.WaitEstimator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * IVR under load (issue 3): N real calls at once through the lab's Asterisk into our FastAGI server running the
 * shipped config/ivr.yaml, in this JVM so that heap and threads are the server's. Each simulated citizen presses 1
 * (Mandarin), 9 (status) and an appeal number, hears the status read back and is hung up on: about twenty AGI
 * commands per session. Run through {@code scripts/bench-ivr.sh}.
 *
 * <p>Arguments: {@code --calls 1000 --threads virtual|platform [--max-sessions N] --agi-port P --ami-port P
 * --ami-user U --ami-secret-file F [--batch 25] [--batch-ms 500] [--gap 10] [--hold 90] [--timeout-s 240]
 * [--asterisk-pid PID]
 * [--ivr config/ivr.yaml]}. Prints one {@code RESULT} line.
 */
public final class IvrLoadBench {
    private IvrLoadBench() {}

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = parse(argv);
        int calls = Integer.parseInt(args.getOrDefault("calls", "200"));
        AgiConfig.Threads threads = AgiConfig.threadsOf(args.getOrDefault("threads", "virtual"));
        int maxSessions = Integer.parseInt(args.getOrDefault(
                "max-sessions",
                threads == AgiConfig.Threads.VIRTUAL
                        ? Integer.toString(AgiConfig.DEFAULT_MAX_SESSIONS)
                        : Integer.toString(AgiConfig.ASTERISK_JAVA_DEFAULT_MAX_POOL_SIZE)));
        int batch = Integer.parseInt(args.getOrDefault("batch", "25"));
        long batchMillis = Long.parseLong(args.getOrDefault("batch-ms", "500"));
        int gap = Integer.parseInt(args.getOrDefault("gap", "10"));
        int hold = Integer.parseInt(args.getOrDefault("hold", "90"));
        long asteriskPid = Long.parseLong(args.getOrDefault("asterisk-pid", "-1"));
        Duration timeout = Duration.ofSeconds(Long.parseLong(args.getOrDefault("timeout-s", "240")));
        String secret =
                Files.readString(Path.of(required(args, "ami-secret-file"))).trim();

        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        registry.config().meterFilter(percentiles());
        Outcomes outcomes = new Outcomes();
        AgiConfig config = AgiConfig.defaults()
                .withPort(Integer.parseInt(required(args, "agi-port")))
                .withThreads(threads, maxSessions);
        IvrDefinition ivr = IvrDefinition.load(Path.of(args.getOrDefault("ivr", "config/ivr.yaml")));
        IvrAgiServer server = new IvrAgiServer(
                config, ivr, new FlowServices(new BenchAppeals(), WaitEstimator.ZERO, outcomes), registry);
        server.start();
        System.gc();
        int idleThreads = ManagementFactory.getThreadMXBean().getThreadCount();
        long idleRssMb = ResourceSampler.rssKb() / 1024;

        String loadBefore = loadAverage();
        CpuTime cpu = new CpuTime(asteriskPid);
        long start = System.nanoTime();
        try (CallDriver driver = new CallDriver(
                "127.0.0.1", Integer.parseInt(required(args, "ami-port")), required(args, "ami-user"), secret)) {
            ResourceSampler sampler = new ResourceSampler(server::activeSessions);
            for (int i = 0; i < calls; i++) {
                driver.originate(i, String.format(Locale.ROOT, "1380000%04d", i), gap, hold);
                if ((i + 1) % batch == 0) {
                    Thread.sleep(batchMillis);
                }
            }
            long deadline = start + timeout.toNanos();
            while (driver.ivrHangups.get() < calls && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            sampler.close();
            double seconds = (System.nanoTime() - start) / 1e9;
            driver.hangUpAll();
            print(
                    calls,
                    threads,
                    maxSessions,
                    seconds,
                    driver,
                    outcomes,
                    registry,
                    sampler,
                    idleThreads,
                    idleRssMb,
                    loadBefore + "/" + loadAverage(),
                    cpu.summary());
        } finally {
            server.stop();
        }
    }

    /** p50/p99 over the whole run for the agi.* timers (windows longer than any run). */
    private static MeterFilter percentiles() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().startsWith("agi.")) {
                    return config;
                }
                return DistributionStatisticConfig.builder()
                        .percentiles(0.5, 0.99)
                        .percentilePrecision(2)
                        .expiry(Duration.ofHours(1))
                        .bufferLength(1)
                        .build()
                        .merge(config);
            }
        };
    }

    /** The 1-minute load average: the machine is shared, so every result says how busy it was. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    private static void print(
            int calls,
            AgiConfig.Threads threads,
            int maxSessions,
            double seconds,
            CallDriver driver,
            Outcomes outcomes,
            SimpleMeterRegistry registry,
            ResourceSampler sampler,
            int idleThreads,
            long idleRssMb,
            String load,
            String cpu) {
        Map<String, Double> errors = new TreeMap<>();
        for (Counter c : registry.find("agi.errors").counters()) {
            errors.merge(c.getId().getTag("kind"), c.count(), Double::sum);
        }
        double errorTotal =
                errors.values().stream().mapToDouble(Double::doubleValue).sum();
        StringBuilder latency = new StringBuilder();
        long commands = 0;
        for (Timer t : registry.find("agi.command.latency").timers()) {
            commands += t.count();
            String verb = t.getId().getTag("command");
            if (verb.equals("set-variable") || verb.equals("get-variable") || verb.equals("answer")) {
                latency.append(String.format(
                        Locale.ROOT,
                        " %s_p50_ms=%.2f %s_p99_ms=%.2f",
                        verb,
                        percentile(t, 0.5),
                        verb,
                        percentile(t, 0.99)));
            }
        }
        System.out.printf(
                Locale.ROOT,
                "RESULT threads=%s max_sessions=%d calls=%d originated_ok=%d "
                        + "originate_failed=%d originate_refused=%d ami_disconnects=%d ivr_hangups=%d hangup_causes=%s "
                        + "sessions=%d outcomes=%s "
                        + "agi_errors=%.0f errors_by_kind=%s peak_sessions=%d commands=%d%s "
                        + "platform_threads_idle=%d platform_threads_peak=%d heap_peak_mb=%d rss_idle_mb=%d "
                        + "rss_peak_mb=%d seconds=%.1f %s loadavg_before_after=%s%n",
                threads.name().toLowerCase(Locale.ROOT),
                maxSessions,
                calls,
                driver.originateSuccess.get(),
                driver.originateFailure.get(),
                driver.originateRefused.get(),
                driver.amiDisconnects.get(),
                driver.ivrHangups.get(),
                new TreeMap<>(driver.hangupCauses),
                outcomes.total(),
                outcomes.byOutcome(),
                errorTotal,
                errors,
                sampler.peakSessions(),
                commands,
                latency,
                idleThreads,
                sampler.peakThreads(),
                sampler.peakHeapMb(),
                idleRssMb,
                sampler.peakRssMb(),
                seconds,
                cpu,
                load);
    }

    private static double percentile(Timer t, double p) {
        for (ValueAtPercentile v : t.takeSnapshot().percentileValues()) {
            if (Math.abs(v.percentile() - p) < 1e-9) {
                return v.value(TimeUnit.MILLISECONDS);
            }
        }
        return Double.NaN;
    }

    /** Counts how sessions ended, by {@link FlowResult#outcome()} and, for the ones that routed, where. */
    private static final class Outcomes implements FlowObserver {
        private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

        @Override
        public void ended(CallRef call, FlowResult result) {
            String key = result instanceof FlowResult.Queued q ? "queued-" + q.queue() : result.outcome();
            counts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        }

        int total() {
            return counts.values().stream().mapToInt(AtomicInteger::get).sum();
        }

        Map<String, Integer> byOutcome() {
            Map<String, Integer> out = new TreeMap<>();
            counts.forEach((k, v) -> out.put(k, v.get()));
            return out;
        }
    }

    private static Map<String, String> parse(String[] argv) {
        Map<String, String> args = new HashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            if (!argv[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value, got " + argv[i]);
            }
            args.put(argv[i].substring(2), argv[i + 1]);
        }
        return args;
    }

    private static String required(Map<String, String> args, String name) {
        String v = args.get(name);
        if (v == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return v;
    }
}
