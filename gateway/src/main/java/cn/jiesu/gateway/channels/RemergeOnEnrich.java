package cn.jiesu.gateway.channels;

import cn.jiesu.core.console.CallAppeals;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's {@link CallAppeals} with the cross-channel merge run again after each enrichment: the agent's
 * text (and request type) is what lets a phone appeal be matched with the same citizen's online appeals. The merge
 * runs after the save is answered; a failed merge is logged and never fails the agent's save (links are a help to
 * the case handler, the appeal itself is already stored).
 */
public final class RemergeOnEnrich implements CallAppeals {
    private static final Logger LOG = LoggerFactory.getLogger(RemergeOnEnrich.class);

    private final CallAppeals delegate;
    private final MergeOnIntake merge;

    public RemergeOnEnrich(CallAppeals delegate, MergeOnIntake merge) {
        this.delegate = delegate;
        this.merge = merge;
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
                merge.recheck(intakeId).whenComplete((v, failed) -> {
                    if (failed != null) {
                        LOG.warn(
                                "cross-channel merge after enriching appeal {} failed: {}",
                                intakeId,
                                failed.toString());
                    }
                });
            }
        });
    }
}
