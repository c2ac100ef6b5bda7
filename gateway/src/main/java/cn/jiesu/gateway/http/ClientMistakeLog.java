package cn.jiesu.gateway.http;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * WARN lines for clients' mistakes (a slow body, an unknown HTTP version, the connection cap), at most one per kind
 * per interval, never with a stack trace: issue 12's 200 bad requests wrote 11,400 log lines. The line after a quiet
 * interval says how many were left out. Thread-safe.
 */
public final class ClientMistakeLog {
    private final Logger log;
    private final Clock clock;
    private final long intervalMillis;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    public ClientMistakeLog(Logger log, Clock clock, Duration interval) {
        this.log = log;
        this.clock = clock;
        this.intervalMillis = interval.toMillis();
    }

    private static final class Window {
        volatile long openedAt = Long.MIN_VALUE;
        final AtomicLong suppressed = new AtomicLong();
    }

    /** {@code kind} is a low-cardinality name ("slow-body"); {@code detail} never holds secrets or phone numbers. */
    public void warn(String kind, String detail) {
        Window w = windows.computeIfAbsent(kind, k -> new Window());
        long now = clock.millis();
        synchronized (w) {
            if (w.openedAt != Long.MIN_VALUE && now - w.openedAt < intervalMillis) {
                w.suppressed.incrementAndGet();
                return;
            }
            w.openedAt = now;
        }
        long left = w.suppressed.getAndSet(0);
        if (left > 0) {
            log.warn("client mistake {}: {} ({} more of this kind not logged)", kind, detail, left);
        } else {
            log.warn("client mistake {}: {}", kind, detail);
        }
    }
}
