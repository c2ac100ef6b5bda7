package cn.jiesu.gateway.hotspot;

import cn.jiesu.core.console.AfterEnrich;
import cn.jiesu.core.console.CallAppeals;
import cn.jiesu.redis.hotspot.EnrichedAppeals;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's {@link CallAppeals} with hotspot counting after an agent's form enriches a phone appeal: it wraps
 * {@link cn.jiesu.core.place.PlaceOnEnrich}, which has written the form's topics ({@code triage.topics}) and place
 * ({@code place.*}) onto the stored appeal before the save is answered, and tells the detecting instance (whichever
 * instance holds the lease, {@link HotspotLeader}) to count it, which reads them back rather than classifying and
 * placing the text again. This is how the 8th caller about one outage joins its hotspot. A failure is logged and
 * never fails the agent's save.
 */
final class HotspotsOnEnrich extends AfterEnrich {
    private static final Logger LOG = LoggerFactory.getLogger(HotspotsOnEnrich.class);

    private final EnrichedAppeals enriched;

    HotspotsOnEnrich(CallAppeals delegate, EnrichedAppeals enriched) {
        super(delegate);
        this.enriched = enriched;
    }

    @Override
    protected CompletionStage<Void> enriched(String intakeId, Map<String, String> fields) {
        enriched.announce(intakeId).whenComplete((id, e) -> {
            if (e != null) {
                failed(intakeId, e);
            }
        });
        return DONE;
    }

    @Override
    protected void failed(String intakeId, Throwable e) {
        LOG.warn("hotspots: counting enriched appeal {} failed: {}", intakeId, e.toString());
    }
}
