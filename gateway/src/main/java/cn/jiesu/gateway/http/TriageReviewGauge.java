package cn.jiesu.gateway.http;

import cn.jiesu.redis.intake.TriageReviews;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code triage.review.open}: appeals waiting for an agent to confirm their tier, read from Redis by
 * {@link #refresh}, which the composition root runs on a loop (a scrape must not wait on Redis). The gauge holds
 * this object's counter strongly, so it never reads NaN.
 */
public final class TriageReviewGauge {
    private final TriageReviews reviews;
    private final AtomicLong open = new AtomicLong();

    public TriageReviewGauge(TriageReviews reviews, MeterRegistry registry) {
        this.reviews = reviews;
        Gauge.builder("triage.review.open", open, AtomicLong::get)
                .description("Appeals whose urgency tier an agent has still to confirm")
                .strongReference(true)
                .register(registry);
    }

    /** Reads the count once (blocking, at most 10 s); a failure keeps the last value. */
    public void refresh() throws Exception {
        open.set(reviews.openCount().toCompletableFuture().get(10, TimeUnit.SECONDS));
    }

    public long open() {
        return open.get();
    }
}
