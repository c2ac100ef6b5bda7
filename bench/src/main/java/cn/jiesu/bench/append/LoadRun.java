package cn.jiesu.bench.append;

import java.util.Arrays;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * Drives asynchronous operations with at most {@code concurrency} in flight and records each one's latency (submit
 * to completion). One instance measures one operation, possibly over several slices of its index range, so two
 * operations can be interleaved and share whatever else the machine is doing. Not thread-safe.
 */
final class LoadRun {
    /** What one operation measured over all its slices. */
    record Result(
            String name,
            int n,
            int concurrency,
            double seconds,
            double opsPerSecond,
            double p50Millis,
            double p99Millis,
            double maxMillis,
            long failures) {}

    private final String name;
    private final int n;
    private final int concurrency;
    private final IntFunction<CompletionStage<?>> op;
    private final long[] latencies;
    private final AtomicLong failures = new AtomicLong();
    private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();
    private long busyNanos;

    LoadRun(String name, int n, int concurrency, IntFunction<CompletionStage<?>> op) {
        this.name = name;
        this.n = n;
        this.concurrency = concurrency;
        this.op = op;
        this.latencies = new long[n];
    }

    /** Measures the whole range at once. */
    static Result run(String name, int n, int concurrency, IntFunction<CompletionStage<?>> op)
            throws InterruptedException {
        LoadRun run = new LoadRun(name, n, concurrency, op);
        run.slice(0, n);
        return run.result();
    }

    /** Runs operations {@code from} (inclusive) to {@code to} (exclusive) and waits for the last of them. */
    void slice(int from, int to) throws InterruptedException {
        Semaphore inFlight = new Semaphore(concurrency);
        long start = System.nanoTime();
        for (int i = from; i < to; i++) {
            inFlight.acquire();
            int index = i;
            long t0 = System.nanoTime();
            CompletionStage<?> stage;
            try {
                stage = op.apply(index);
            } catch (RuntimeException e) {
                inFlight.release();
                throw e;
            }
            stage.whenComplete((v, e) -> {
                latencies[index] = System.nanoTime() - t0;
                if (e != null) {
                    failures.incrementAndGet();
                    firstFailure.compareAndSet(null, e);
                }
                inFlight.release();
            });
        }
        inFlight.acquire(concurrency); // wait for the tail
        busyNanos += System.nanoTime() - start;
    }

    Result result() {
        double seconds = busyNanos / 1e9;
        if (firstFailure.get() != null) {
            System.err.println(name + ": " + failures.get() + " failures, first: " + firstFailure.get());
        }
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        return new Result(
                name,
                n,
                concurrency,
                seconds,
                n / seconds,
                millis(sorted, 0.50),
                millis(sorted, 0.99),
                sorted[n - 1] / 1e6,
                failures.get());
    }

    private static double millis(long[] sorted, double q) {
        int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }
}
