package cn.jiesu.bench.ami;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * AMI replay benchmark (issue 3): a long real Asterisk 22 event stream is served from a loopback socket and read by
 * (a) the production path, Asterisk-Java's ManagerConnection with our wire tap, listener, bounded queue and call
 * tracker, and (b) a raw socket line reader as the baseline, with and without the same translator and tracker.
 * Prints events/s (median of the runs), CPU cores used, and losses. Run through scripts/bench-ami.sh.
 *
 * <pre>args: [fixtures dir] [calls] [concurrent calls] [runs] [channelvars|plain]</pre>
 */
public final class AmiReplayBench {
    private AmiReplayBench() {}

    private static ReplayRun median(List<ReplayRun> runs, Comparator<ReplayRun> by) {
        return runs.stream().sorted(by).toList().get(runs.size() / 2);
    }

    public static void main(String[] args) throws Exception {
        Path fixtures = Path.of(args.length > 0 ? args[0] : "ivr/src/test/resources/fixtures/ami");
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
        int concurrent = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        boolean channelVars = args.length <= 4 || !"plain".equals(args[4]);
        if (!Files.isDirectory(fixtures)) {
            throw new IllegalArgumentException("no fixtures at " + fixtures.toAbsolutePath());
        }
        StreamSynthesizer.Stream stream = StreamSynthesizer.synthesize(fixtures, calls, concurrent, 42, channelVars);
        System.out.printf(
                "stream: %d events, %.1f MB, %d calls (%d inbound), %d interleaved, %s; JDK %s, %d cpus%n",
                stream.events(),
                stream.bytes().length / 1e6,
                stream.calls(),
                stream.inboundCalls(),
                concurrent,
                channelVars ? "with ChanVariable lines" : "plain (no channelvars)",
                Runtime.version(),
                Runtime.getRuntime().availableProcessors());
        Map<String, List<ReplayRun>> results = new TreeMap<>();
        try (ReplayServer server = new ReplayServer(stream.bytes())) {
            for (int run = 0; run <= runs; run++) { // run 0 warms the JIT up and is not counted
                for (int path = 0; path < 4; path++) {
                    server.reset();
                    ReplayRun r = switch (path) {
                        case 0 -> ReplayPaths.asteriskJava(server, stream);
                        case 1 -> ReplayPaths.asteriskJavaBare(server, stream);
                        case 2 -> ReplayPaths.raw(server, stream, true);
                        default -> ReplayPaths.raw(server, stream, false);
                    };
                    System.out.printf(
                            "  run %d %-30s %,10.0f events/s  %.2f cores  %,10.0f events/cpu-s  dropped %d"
                                    + "  gaps %d  appeals %d%n",
                            run,
                            r.path(),
                            r.eventsPerSecond(),
                            r.cpuCores(),
                            r.eventsPerCpuSecond(),
                            r.dropped(),
                            r.gaps(),
                            r.appeals());
                    if (run > 0) {
                        results.computeIfAbsent(r.path(), k -> new ArrayList<>())
                                .add(r);
                    }
                }
            }
        }
        System.out.printf(
                "%n| path | events/s (median of %d) | CPU cores | events per CPU-second (median) "
                        + "| dropped (all runs) | gaps | appeals (expected %d) |%n",
                runs, stream.inboundCalls());
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        results.forEach((path, rs) -> {
            ReplayRun m = median(rs, Comparator.comparingDouble(ReplayRun::eventsPerSecond));
            ReplayRun perCpu = median(rs, Comparator.comparingDouble(ReplayRun::eventsPerCpuSecond));
            System.out.printf(
                    "| %s | %,.0f | %.2f | %,.0f | %s | %d | %s |%n",
                    path,
                    m.eventsPerSecond(),
                    m.cpuCores(),
                    perCpu.eventsPerCpuSecond(),
                    m.dropped() < 0
                            ? "n/a"
                            : Long.toString(
                                    rs.stream().mapToLong(ReplayRun::dropped).sum()),
                    rs.stream().mapToLong(ReplayRun::gaps).sum(),
                    m.appeals() < 0 ? "n/a" : Integer.toString(m.appeals()));
        });
    }
}
