package cn.jiesu.ivr.flow;

import cn.jiesu.core.appeal.AppealStore;
import java.util.Objects;

/**
 * What flows need from the rest of the gateway.
 *
 * @param appeals  status lookups by appeal number
 * @param waits    estimated queue waits, for the callback offer
 * @param observer hears prompts, variables and session ends (logs, tests); {@link FlowObserver#NONE} for none
 */
public record FlowServices(AppealStore appeals, WaitEstimator waits, FlowObserver observer) {
    public FlowServices {
        Objects.requireNonNull(appeals, "appeals");
        Objects.requireNonNull(waits, "waits");
        observer = observer == null ? FlowObserver.NONE : observer;
    }
}
