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
 * and counting it now would count it without the topic the agent's form will give it. Runs on the consumer's
 * thread, which it blocks while the detector talks to Redis (a few pipelined round trips).
 */
final class HotspotWatch implements IntakeHandler {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(HotspotWatch.class);

    /** Older than the longest window (24 h) and its slack: history, counted for the baseline, never tested. */
    static final java.time.Duration HISTORY = java.time.Duration.ofHours(25);

    private final HotspotObserver observer;
    private final java.time.Clock clock;

    HotspotWatch(HotspotObserver observer, java.time.Clock clock) {
        this.observer = observer;
        this.clock = clock;
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
        try {
            // A group created on a stream with weeks of appeals reads them all: they teach the baseline, but
            // their bursts are long over and must not open (and at once close) hotspots now.
            if (appeal.acknowledged().isBefore(clock.instant().minus(HISTORY))) {
                observer.countOnce(appeal);
            } else {
                observer.observeOnce(appeal);
            }
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e); // Redis: left pending, redelivered
        }
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
