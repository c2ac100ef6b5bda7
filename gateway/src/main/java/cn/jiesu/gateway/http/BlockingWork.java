package cn.jiesu.gateway.http;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Blocking work that requests start (a classifier reload, a password check), counted until its result is back on
 * the event loop, so shutdown can wait for it before closing Vert.x. A task that finishes after Vert.x closed hands
 * its result to a terminated event loop, and the worker thread dies with an uncaught RejectedExecutionException and
 * its stack trace on stderr.
 */
public final class BlockingWork implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BlockingWork.class);

    private final Duration drain;
    private int inFlight;

    /** {@code drain}: how long {@link #close} waits for work in flight (a reload retrains for seconds). */
    public BlockingWork(Duration drain) {
        this.drain = drain;
    }

    /**
     * Runs {@code work} on {@code executor} ({@code vertx::executeBlocking} or a worker executor's), counted until
     * its future completes on the caller's context.
     */
    public <T> Future<T> run(Function<Callable<T>, Future<T>> executor, Callable<T> work) {
        synchronized (this) {
            inFlight++;
        }
        Future<T> f;
        try {
            f = executor.apply(work);
        } catch (RuntimeException e) {
            done();
            throw e;
        }
        // Completion callbacks run on the context once the result has reached it: after that, nothing of this task
        // touches an event loop.
        return f.onComplete(ignored -> done());
    }

    /** Work in flight now. */
    public synchronized int inFlight() {
        return inFlight;
    }

    /** {@link #awaitIdle}: the last thing shutdown does before closing Vert.x. */
    @Override
    public void close() throws InterruptedException {
        awaitIdle();
    }

    /** Waits until no work is in flight, at most the drain time; then logs what is still running. */
    public synchronized void awaitIdle() throws InterruptedException {
        long deadline = System.nanoTime() + drain.toNanos();
        while (inFlight > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                LOG.warn("shutdown: {} blocking task(s) still running after {}; closing anyway", inFlight, drain);
                return;
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    private synchronized void done() {
        inFlight--;
        notifyAll();
    }
}
