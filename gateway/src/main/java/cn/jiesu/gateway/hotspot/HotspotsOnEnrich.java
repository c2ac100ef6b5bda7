package cn.jiesu.gateway.hotspot;

import cn.jiesu.core.appeal.AppealStore;
import cn.jiesu.core.classify.Classifier;
import cn.jiesu.core.classify.ExplicitChoice;
import cn.jiesu.core.console.CallAppeals;
import cn.jiesu.core.intake.Channel;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.intake.PlaceMark;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's {@link CallAppeals} with hotspot counting after an agent's form enriches a phone appeal: the form's
 * text gives the appeal its topics (the classifier's keyword rules) and place (the gazetteer), the place is written
 * onto the stored appeal (so 三率 count it by street), and the appeal is counted once, now. This is how the 8th
 * caller about one outage joins its hotspot. Runs after the save is answered, on one worker thread that owns its
 * observer; a failure is logged and never fails the agent's save.
 */
final class HotspotsOnEnrich implements CallAppeals {
    private static final Logger LOG = LoggerFactory.getLogger(HotspotsOnEnrich.class);

    private final CallAppeals delegate;
    private final AppealStore store;
    private final Classifier classifier;
    private final Function<Intake, PlaceMark> placer;
    private final HotspotObserver observer;
    private final ExecutorService worker;

    HotspotsOnEnrich(
            CallAppeals delegate,
            AppealStore store,
            Classifier classifier,
            Function<Intake, PlaceMark> placer,
            HotspotObserver observer,
            ExecutorService worker) {
        this.delegate = delegate;
        this.store = store;
        this.classifier = classifier;
        this.placer = placer;
        this.observer = observer;
        this.worker = worker;
    }

    @Override
    public CompletionStage<Optional<String>> intakeIdOf(String linkedid) {
        return delegate.intakeIdOf(linkedid);
    }

    @Override
    public CompletionStage<String> reserveAppealNo(String linkedid, Duration ttl) {
        return delegate.reserveAppealNo(linkedid, ttl);
    }

    @Override
    public CompletionStage<Boolean> enrich(String intakeId, Map<String, String> fields) {
        return delegate.enrich(intakeId, fields).whenComplete((enriched, e) -> {
            if (e == null && Boolean.TRUE.equals(enriched)) {
                worker.execute(() -> {
                    try {
                        enriched(intakeId);
                    } catch (RuntimeException failed) {
                        LOG.warn("hotspots: counting enriched appeal {} failed: {}", intakeId, failed.toString());
                    }
                });
            }
        });
    }

    /** Counts the enriched appeal if it waited for its enrichment and now has text. */
    void enriched(String intakeId) {
        Intake intake =
                HotspotObserver.join(store.byId(intakeId)).map(r -> r.intake()).orElse(null);
        // A phone appeal is not counted at intake (HotspotWatch leaves it for this); once counted, the observed-once
        // marker keeps a later save from counting it again. Its topics and place may already be on it: the
        // console's PlaceOnEnrich writes them before this runs.
        if (intake == null || intake.channel() != Channel.PHONE) {
            return;
        }
        String text = join(intake.title(), intake.content());
        if (text == null) {
            return; // nothing to classify yet: a later save with text counts it
        }
        Set<String> topics = intake.triage().topics().isEmpty()
                ? classifier.classify(text, ExplicitChoice.NONE).topics()
                : intake.triage().topics();
        if (topics.isEmpty()) {
            return; // nothing a hotspot is about; a later save with other words may be
        }
        PlaceMark place = intake.place() != null ? intake.place() : placer.apply(intake);
        Map<String, String> marks = new LinkedHashMap<>();
        if (place != null && intake.place() == null) {
            marks.put("place.district", place.district());
            if (place.street() != null) {
                marks.put("place.street", place.street());
            }
            marks.put("place.confidence", Double.toString(place.confidence()));
        }
        if (!marks.isEmpty()) {
            HotspotObserver.join(delegate.enrich(intakeId, marks));
        }
        observer.observeNow(HotspotWatch.appeal(intake, topics, place));
    }

    private static String join(String a, String b) {
        String s = ((a == null ? "" : a) + " " + (b == null ? "" : b)).trim();
        return s.isEmpty() ? null : s;
    }
}
