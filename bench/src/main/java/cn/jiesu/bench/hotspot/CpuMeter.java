package cn.jiesu.bench.hotspot;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time over the measured days: this JVM's (user + system, all threads) and, given its pid, a Redis server's
 * (utime + stime from {@code /proc/<pid>/stat}, in clock ticks of {@code jiesu.hotspots.clk-tck}, default 100).
 */
final class CpuMeter {
    private final long redisPid;
    private final long tickNanos = 1_000_000_000L / Long.getLong("jiesu.hotspots.clk-tck", 100L);
    private long jvm0;
    private long redis0;

    CpuMeter(long redisPid) {
        this.redisPid = redisPid;
    }

    void start() {
        jvm0 = jvmNanos();
        redis0 = redisNanos();
    }

    void report(long appeals) {
        if (appeals == 0) {
            return;
        }
        System.out.printf(
                "cpu: JVM %,d ns/appeal (user + sys over the measured days)%n", (jvmNanos() - jvm0) / appeals);
        if (redisPid > 0) {
            System.out.printf(
                    "cpu: Redis server %,d ns/appeal (pid %d)%n", (redisNanos() - redis0) / appeals, redisPid);
        }
    }

    private static long jvmNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private long redisNanos() {
        if (redisPid <= 0) {
            return 0;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(redisPid), "stat"));
            // Fields after the parenthesised command name: state is field 3, utime 14, stime 15.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * tickNanos;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
