package cn.jiesu.bench.ivr;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * CPU seconds spent during a run by this JVM (the gateway side) and by the lab's Asterisk, so that a slow run says
 * which side the two cores went to. Asterisk's comes from /proc/PID/stat (utime + stime, in clock ticks of 10 ms).
 */
final class CpuTime {
    private static final double TICKS_PER_SECOND = 100.0;
    private final long asteriskPid;
    private final long jvmStartNanos;
    private final long asteriskStartTicks;

    CpuTime(long asteriskPid) {
        this.asteriskPid = asteriskPid;
        this.jvmStartNanos = jvmNanos();
        this.asteriskStartTicks = asteriskTicks();
    }

    private static long jvmNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime()
                : -1;
    }

    private long asteriskTicks() {
        if (asteriskPid <= 0) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + asteriskPid + "/stat"));
            // Fields after the ")" that ends the command name: state is field 3, utime 14 and stime 15.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** {@code jvm_cpu_s=.. asterisk_cpu_s=..} since construction ({@code -1} when unknown). */
    String summary() {
        double jvm = (jvmNanos() - jvmStartNanos) / 1e9;
        long ticks = asteriskTicks();
        double asterisk = ticks < 0 || asteriskStartTicks < 0 ? -1 : (ticks - asteriskStartTicks) / TICKS_PER_SECOND;
        return String.format(Locale.ROOT, "jvm_cpu_s=%.1f asterisk_cpu_s=%.1f", jvm, asterisk);
    }
}
