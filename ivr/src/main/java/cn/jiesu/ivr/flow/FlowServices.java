package cn.jiesu.ivr.flow;

import cn.jiesu.core.appeal.AppealStore;
import java.util.Objects;

/**
 * What flows need from the rest of the gateway.
 *
 * @param appeals  status lookups by appeal number
 * @param waits    estimated queue waits, for the callback offer
 * @param observer hears prompts, variables and session ends (logs, tests); {@link FlowObserver#NONE} for none
 * @param lookups  the bounds of the status lookup (daily budget per calling number, unknown numbers per call)
 */
public record FlowServices(AppealStore appeals, WaitEstimator waits, FlowObserver observer, StatusLookupGuard lookups) {
    public FlowServices {
        Objects.requireNonNull(appeals, "appeals");
        Objects.requireNonNull(waits, "waits");
        observer = observer == null ? FlowObserver.NONE : observer;
        Objects.requireNonNull(lookups, "lookups");
    }

    /** Without a daily lookup budget (tests, benchmarks); the gateway passes its Redis-kept one. */
    public FlowServices(AppealStore appeals, WaitEstimator waits, FlowObserver observer) {
        this(appeals, waits, observer, StatusLookupGuard.withoutBudget());
    }
}
