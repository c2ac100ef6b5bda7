package cn.jiesu.bench.ivr;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Samples this JVM every 100 ms and keeps the peaks: AGI sessions running, platform threads (ThreadMXBean counts
 * no virtual threads), heap used, and resident set size. Peaks are read after {@link #close()}.
 */
final class ResourceSampler implements AutoCloseable {
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-sampler");
        t.setDaemon(true);
        return t;
    });
    private final IntSupplier activeSessions;
    private volatile int peakSessions;
    private volatile int peakThreads;
    private volatile long peakHeapBytes;
    private volatile long peakRssKb;

    ResourceSampler(IntSupplier activeSessions) {
        this.activeSessions = activeSessions;
        timer.scheduleAtFixedRate(this::sample, 0, 100, TimeUnit.MILLISECONDS);
    }

    private void sample() {
        peakSessions = Math.max(peakSessions, activeSessions.getAsInt());
        peakThreads = Math.max(peakThreads, threads.getThreadCount());
        peakHeapBytes = Math.max(peakHeapBytes, memory.getHeapMemoryUsage().getUsed());
        peakRssKb = Math.max(peakRssKb, rssKb());
    }

    static long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    int peakSessions() {
        return peakSessions;
    }

    int peakThreads() {
        return peakThreads;
    }

    long peakHeapMb() {
        return peakHeapBytes / (1024 * 1024);
    }

    long peakRssMb() {
        return peakRssKb / 1024;
    }

    @Override
    public void close() {
        sample();
        timer.shutdownNow();
    }
}
