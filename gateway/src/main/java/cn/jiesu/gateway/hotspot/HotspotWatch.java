package cn.jiesu.gateway.hotspot;

import cn.jiesu.core.hotspot.HotspotAppeal;
import cn.jiesu.core.intake.Channel;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.intake.PlaceMark;
import cn.jiesu.redis.intake.IntakeEntry;
import cn.jiesu.redis.intake.IntakeHandler;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The {@code hotspots} consumer group's handler: every appeal on the intake stream is counted once by the detector.
 * A phone appeal without topics is left for its enrichment ({@link HotspotsOnEnrich}): it has no text or place yet,
 * and counting it now would count it without the topic the agent's form will give it. Appeals are queued and
 * observed at the batch's end, at most once per {@code hotspots.flush-interval} (a quiet stream gathers appeals
 * meanwhile), on the consumer's thread: one round trip fetches what the batch's tests read, the detector runs on
 * that, one flush writes the batch's counts, and each entry is acknowledged only after that flush succeeded.
 */
final class HotspotWatch implements IntakeHandler {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(HotspotWatch.class);

    /** Older than the longest window (24 h) and its slack: history, counted for the baseline, never tested. */
    static final java.time.Duration HISTORY = java.time.Duration.ofHours(25);

    private final HotspotObserver observer;
    private final java.time.Clock clock;
    private final long flushEveryNanos;
    private final java.util.List<Queued> queue = new java.util.ArrayList<>();
    private long lastFlush;

    private record Queued(HotspotAppeal appeal, boolean live, CompletableFuture<Void> done) {}

    private final Object lock;

    /** @param lock what the tick and the enrichments also hold while they use {@code observer} */
    HotspotWatch(HotspotObserver observer, Object lock, java.time.Clock clock, java.time.Duration flushInterval) {
        this.observer = observer;
        this.lock = lock;
        this.clock = clock;
        this.flushEveryNanos = flushInterval.toNanos();
        this.lastFlush = System.nanoTime() - flushEveryNanos;
    }

    @Override
    public CompletionStage<Void> handle(IntakeEntry entry) {
        Intake intake = entry.intake();
        if (awaitsEnrichment(intake)) {
            return CompletableFuture.completedFuture(null);
        }
        HotspotAppeal appeal;
        try {
            appeal = appeal(intake, intake.triage().topics(), intake.place());
        } catch (IllegalArgumentException e) {
            // The same entry would fail the same way on every delivery: skip it rather than dead-letter it.
            LOG.warn("hotspots: not counting intake {}: {}", intake.intakeId(), e.getMessage());
            return CompletableFuture.completedFuture(null);
        }
        // A group created on a stream with weeks of appeals reads them all: they teach the baseline, but their
        // bursts are long over and must not open (and at once close) hotspots now.
        boolean live = !appeal.acknowledged().isBefore(clock.instant().minus(HISTORY));
        CompletableFuture<Void> done = new CompletableFuture<>();
        queue.add(new Queued(appeal, live, done));
        return done;
    }

    /** Observes the batch's appeals and flushes their counts, first waiting out the rest of the flush interval. */
    @Override
    public void endOfBatch() {
        if (queue.isEmpty()) {
            synchronized (lock) {
                if (!observer.hasPending()) {
                    return; // a batch of phone calls awaiting their forms: nothing to write, nothing to wait for
                }
            }
        }
        long wait = lastFlush + flushEveryNanos - System.nanoTime();
        if (wait > 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(wait);
        }
        java.util.List<Queued> batch = java.util.List.copyOf(queue);
        queue.clear();
        synchronized (lock) {
            observe(batch);
        }
    }

    private void observe(java.util.List<Queued> batch) {
        Set<String> counted;
        try {
            // One read for the batch: a redelivered entry, or the same appeal appended twice, counts once.
            counted =
                    observer.alreadyObserved(batch.stream().map(Queued::appeal).toList());
        } catch (RuntimeException e) {
            batch.forEach(q -> q.done().completeExceptionally(e)); // Redis: left pending, redelivered
            return;
        }
        observer.prefetch(
                batch.stream().filter(Queued::live).map(Queued::appeal).toList());
        for (Queued q : batch) {
            if (counted.contains(q.appeal().appealId())) {
                q.done().complete(null);
                continue;
            }
            CompletionStage<Void> observed;
            try {
                observed = observer.observe(q.appeal(), q.live());
            } catch (RuntimeException e) {
                observed = CompletableFuture.failedFuture(e); // Redis: left pending, redelivered
            }
            observed.whenComplete((v, e) -> {
                if (e == null) {
                    q.done().complete(null);
                } else {
                    q.done().completeExceptionally(e);
                }
            });
        }
        lastFlush = System.nanoTime();
        observer.flush();
    }

    static boolean awaitsEnrichment(Intake intake) {
        return intake.channel() == Channel.PHONE && intake.triage().topics().isEmpty();
    }

    static HotspotAppeal appeal(Intake intake, Set<String> topics, PlaceMark place) {
        return new HotspotAppeal(
                intake.intakeId(),
                intake.receivedAt(),
                topics,
                place == null ? null : place.district(),
                place == null ? null : place.street());
    }
}
