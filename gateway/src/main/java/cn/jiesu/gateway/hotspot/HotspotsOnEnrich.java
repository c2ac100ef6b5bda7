package cn.jiesu.gateway.hotspot;

import cn.jiesu.core.appeal.AppealStore;
import cn.jiesu.core.console.AfterEnrich;
import cn.jiesu.core.console.CallAppeals;
import cn.jiesu.core.intake.Channel;
import cn.jiesu.core.intake.Intake;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's {@link CallAppeals} with hotspot counting after an agent's form enriches a phone appeal: it wraps
 * {@link cn.jiesu.core.place.PlaceOnEnrich}, which has written the form's topics ({@code triage.topics}) and place
 * ({@code place.*}) onto the stored appeal before the save is answered, so this reads them back rather than
 * classifying and placing the text again, and counts the appeal once, now. This is how the 8th caller about one
 * outage joins its hotspot. Runs after the save is answered, on one worker thread that owns its observer; a
 * failure is logged and never fails the agent's save.
 */
final class HotspotsOnEnrich extends AfterEnrich {
    private static final Logger LOG = LoggerFactory.getLogger(HotspotsOnEnrich.class);

    private final AppealStore store;
    private final HotspotObserver observer;
    private final ExecutorService worker;

    HotspotsOnEnrich(CallAppeals delegate, AppealStore store, HotspotObserver observer, ExecutorService worker) {
        super(delegate);
        this.store = store;
        this.observer = observer;
        this.worker = worker;
    }

    @Override
    protected CompletionStage<Void> enriched(String intakeId, Map<String, String> fields) {
        worker.execute(() -> {
            try {
                enriched(intakeId);
            } catch (RuntimeException e) {
                failed(intakeId, e);
            }
        });
        return DONE;
    }

    @Override
    protected void failed(String intakeId, Throwable e) {
        LOG.warn("hotspots: counting enriched appeal {} failed: {}", intakeId, e.toString());
    }

    /** Counts the enriched appeal if it waited for its enrichment and now has topics. */
    void enriched(String intakeId) {
        Intake intake =
                HotspotObserver.join(store.byId(intakeId)).map(r -> r.intake()).orElse(null);
        // A phone appeal is not counted at intake (HotspotWatch leaves it for this); once counted, the observed-once
        // marker keeps a later save from counting it again.
        if (intake == null
                || intake.channel() != Channel.PHONE
                || intake.triage().topics().isEmpty()) {
            return; // no topics yet (no text, or none a rule knows): a later save with other words may give some
        }
        observer.observeNow(HotspotWatch.appeal(intake, intake.triage().topics(), intake.place()));
    }
}
