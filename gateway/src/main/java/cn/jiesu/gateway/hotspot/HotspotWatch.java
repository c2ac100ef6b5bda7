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
    private final HotspotObserver observer;

    HotspotWatch(HotspotObserver observer) {
        this.observer = observer;
    }

    @Override
    public CompletionStage<Void> handle(IntakeEntry entry) {
        Intake intake = entry.intake();
        if (awaitsEnrichment(intake)) {
            return CompletableFuture.completedFuture(null);
        }
        try {
            observer.observeOnce(appeal(intake, intake.triage().topics(), intake.place()));
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
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
