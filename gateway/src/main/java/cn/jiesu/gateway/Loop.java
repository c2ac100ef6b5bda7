package cn.jiesu.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A background loop: runs one step, waits {@code every}, runs it again, until closed; on its own virtual thread
 * named {@code name}, so a step may block (on Redis, a file stat) without holding anyone else up. A step that throws
 * is counted ({@code loop.failures{loop=name}}) and the loop goes on at the next interval; the log says a failure once
 * until the loop works again or fails otherwise (a Redis outage would otherwise warn every interval). The composition
 * root builds every loop, starts it after the services it reads are up, and closes it before them
 * (docs/threads.md lists them).
 */
public final class Loop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Loop.class);

    /** One round of work; it may block and may throw. */
    @FunctionalInterface
    public interface Step {
        void run() throws Exception;
    }

    private final String name;
    private final Duration first;
    private final Duration every;
    private final Step step;
    private final Counter failures;
    private final FailureStreak streak;
    private volatile boolean running;
    private Thread thread;

    /**
     * @param first when the first step runs after {@link #start} (zero: at once)
     * @param every the pause between the end of one step and the start of the next
     */
    public Loop(String name, Duration first, Duration every, Step step, MeterRegistry registry) {
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException(name + ": the interval must be positive");
        }
        this.name = name;
        this.first = first;
        this.every = every;
        this.step = step;
        this.streak = new FailureStreak(LOG, name);
        this.failures = Counter.builder("loop.failures")
                .tag("loop", name)
                .description("Rounds of a background loop that failed (logged as warnings)")
                .register(registry);
    }

    /** Starts the thread (once; later calls do nothing). */
    public synchronized Loop start() {
        if (thread == null) {
            running = true;
            thread = Thread.ofVirtual().name(name).start(this::run);
        }
        return this;
    }

    public String name() {
        return name;
    }

    private void run() {
        if (!pause(first)) {
            return;
        }
        while (running) {
            try {
                step.run();
                streak.succeeded();
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                failures.increment();
                streak.failed(e);
            }
            if (!pause(every)) {
                return;
            }
        }
    }

    /** Waits; false when the loop was closed meanwhile. */
    private boolean pause(Duration d) {
        if (d.isZero() || d.isNegative()) {
            return running;
        }
        try {
            Thread.sleep(d);
            return running;
        } catch (InterruptedException e) {
            return false;
        }
    }

    /** Stops the loop: a step in progress is interrupted, and no other starts. */
    @Override
    public synchronized void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
