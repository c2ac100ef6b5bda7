package cn.jiesu.gateway.channels;

import cn.jiesu.core.console.AfterEnrich;
import cn.jiesu.core.console.CallAppeals;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's {@link CallAppeals} with the cross-channel merge run again after each enrichment: the agent's
 * text (and request type) is what lets a phone appeal be matched with the same citizen's online appeals. The merge
 * runs after the save is answered; a failed merge is logged and never fails the agent's save (links are a help to
 * the case handler, the appeal itself is already stored).
 */
public final class RemergeOnEnrich extends AfterEnrich {
    private static final Logger LOG = LoggerFactory.getLogger(RemergeOnEnrich.class);

    private final MergeOnIntake merge;

    public RemergeOnEnrich(CallAppeals delegate, MergeOnIntake merge) {
        super(delegate);
        this.merge = merge;
    }

    @Override
    protected CompletionStage<Void> enriched(String intakeId, Map<String, String> fields) {
        merge.recheck(intakeId).whenComplete((v, e) -> {
            if (e != null) {
                failed(intakeId, e);
            }
        });
        return DONE;
    }

    @Override
    protected void failed(String intakeId, Throwable e) {
        LOG.warn("cross-channel merge after enriching appeal {} failed: {}", intakeId, e.toString());
    }
}
