package cn.jiesu.bench.append;

import cn.jiesu.core.intake.Channel;
import cn.jiesu.core.intake.Citizen;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.intake.IntakeCodec;
import cn.jiesu.core.intake.IntakeIds;
import cn.jiesu.core.intake.RequestType;
import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.RedisConfig;
import cn.jiesu.redis.StreamKeys;
import cn.jiesu.redis.intake.RedisAppealStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Appends per second and append latency of {@link RedisAppealStore#append} (dedupe + number + stream entry +
 * appeal hash + indexes in one Lua script), against a bare XADD of the same fields through the same Lettuce
 * connection, in one process and one Redis. Run through {@code scripts/bench-append.sh}, which starts a Redis with
 * the shipped config and records the numbers in BENCHMARKS.md.
 *
 * <p>Arguments: {@code --uri redis://127.0.0.1:PORT [--n 200000] [--concurrency 64] [--warmup 20000]
 * [--slices 10] [--label everysec]}. The two operations run in alternating slices of {@code n / slices}. Prints
 * one {@code RESULT} line per operation.
 */
public final class AppendBenchmark {
    /** One generator for every intake of the run, so no two share an id. */
    private static final IntakeIds IDS = new IntakeIds(Clock.systemUTC(), new SplittableRandom(42));

    private AppendBenchmark() {}

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = parse(argv);
        URI uri = URI.create(required(args, "uri"));
        int n = Integer.parseInt(args.getOrDefault("n", "200000"));
        int concurrency = Integer.parseInt(args.getOrDefault("concurrency", "64"));
        int warmup = Integer.parseInt(args.getOrDefault("warmup", "20000"));
        String label = args.getOrDefault("label", "unlabelled");
        int slices = Integer.parseInt(args.getOrDefault("slices", "10"));

        RedisConfig config = RedisConfig.defaults(uri).withKeyPrefix("bench:");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (RedisClients clients = RedisClients.connect(config, registry)) {
            StreamKeys keys = new StreamKeys(config.keyPrefix());
            RedisAppealStore store = new RedisAppealStore(clients, keys, config, registry, Clock.systemUTC());
            var async = clients.shared().async();
            String baselineStream = config.keyPrefix() + "baseline";

            List<Intake> warm = intakes(warmup, "warm");
            List<Intake> measured = intakes(n, "run");
            List<Map<String, String>> bare =
                    measured.stream().map(AppendBenchmark::streamFields).toList();
            List<Map<String, String>> bareWarm =
                    warm.stream().map(AppendBenchmark::streamFields).toList();

            // Warm both paths (JIT, script cache, Redis allocations) before measuring either.
            LoadRun.run("warmup-store", warmup, concurrency, i -> store.append(warm.get(i)));
            LoadRun.run("warmup-xadd", warmup, concurrency, i -> async.xadd(baselineStream, bareWarm.get(i)));

            // Interleaved slices: on a shared machine both operations then see the same background load.
            LoadRun xadd = new LoadRun("xadd", n, concurrency, i -> async.xadd(baselineStream, bare.get(i)));
            LoadRun append = new LoadRun("append", n, concurrency, i -> store.append(measured.get(i)));
            for (int s = 0; s < slices; s++) {
                int from = (int) ((long) n * s / slices);
                int to = (int) ((long) n * (s + 1) / slices);
                xadd.slice(from, to);
                append.slice(from, to);
            }
            print(label, xadd.result(), xadd.result());
            print(label, append.result(), xadd.result());
        }
    }

    private static void print(String label, LoadRun.Result r, LoadRun.Result baseline) {
        System.out.printf(
                Locale.ROOT,
                "RESULT label=%s op=%s n=%d c=%d ops_per_s=%.0f p50_ms=%.3f p99_ms=%.3f "
                        + "max_ms=%.1f ratio_to_xadd=%.3f failures=%d%n",
                label,
                r.name(),
                r.n(),
                r.concurrency(),
                r.opsPerSecond(),
                r.p50Millis(),
                r.p99Millis(),
                r.maxMillis(),
                r.opsPerSecond() / baseline.opsPerSecond(),
                r.failures());
    }

    /**
     * Distinct web intakes shaped like real ones: a Chinese title and ~120-character content, a citizen with a
     * phone (10,000 distinct numbers, so phone indexes hold several appeals each) and a callback number.
     */
    private static List<Intake> intakes(int count, String tag) {
        SplittableRandom random = new SplittableRandom(7);
        String content = "市民反映：小区东门外道路夜间施工噪音扰民，持续至凌晨两点，影响老人和孩子休息。" + "此前已向物业反映未果，希望相关部门尽快核实处理，并规范施工时间。联系人王先生。";
        List<Intake> out = new ArrayList<>(count);
        Instant now = Instant.now();
        for (int i = 0; i < count; i++) {
            String phone = "138" + String.format("%08d", random.nextInt(10_000));
            out.add(Intake.builder()
                    .intakeId(IDS.next())
                    .channel(Channel.WEB)
                    .channelAccount("portal")
                    .channelMessageId(tag + "-" + i)
                    .receivedAt(now)
                    .title("夜间施工噪音扰民")
                    .content(content)
                    .citizen(new Citizen(null, "王先生", phone, null, null, false))
                    .callbackRequested(true)
                    .callbackNumber(phone)
                    .requestType(RequestType.COMPLAINT)
                    .build());
        }
        return out;
    }

    /** What the append script puts in the stream entry: the codec fields plus an appeal number. */
    private static Map<String, String> streamFields(Intake intake) {
        Map<String, String> f = new HashMap<>(IntakeCodec.toFields(intake));
        f.put(IntakeCodec.APPEAL_NO, "261128000001");
        return f;
    }

    private static Map<String, String> parse(String[] argv) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            if (!argv[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value pairs, got " + argv[i]);
            }
            out.put(argv[i].substring(2), argv[i + 1]);
        }
        return out;
    }

    private static String required(Map<String, String> args, String name) {
        String v = args.get(name);
        if (v == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return v;
    }
}
