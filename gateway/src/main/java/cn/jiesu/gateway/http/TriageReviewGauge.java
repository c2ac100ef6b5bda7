package cn.jiesu.gateway.http;

import cn.jiesu.redis.intake.TriageReviews;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code triage.review.open}: appeals waiting for an agent to confirm their tier, read from Redis every
 * {@code interval} (a scrape must not wait on Redis). The gauge holds this object's counter strongly through the
 * timer and the gateway's close list, so it never reads NaN.
 */
public final class TriageReviewGauge implements AutoCloseable {
    private final Vertx vertx;
    private final AtomicLong open = new AtomicLong();
    private final long timer;

    public TriageReviewGauge(Vertx vertx, TriageReviews reviews, MeterRegistry registry, Duration interval) {
        this.vertx = vertx;
        Gauge.builder("triage.review.open", open, AtomicLong::get)
                .description("Appeals whose urgency tier an agent has still to confirm")
                .strongReference(true)
                .register(registry);
        this.timer = vertx.setPeriodic(0, interval.toMillis(), t -> reviews.openCount()
                .whenComplete((n, e) -> {
                    if (e == null) {
                        open.set(n);
                    }
                }));
    }

    public long open() {
        return open.get();
    }

    @Override
    public void close() {
        vertx.cancelTimer(timer);
    }
}
