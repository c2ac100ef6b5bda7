package cn.jiesu.callbacks;

import cn.jiesu.core.callback.CallbackAttempt;
import cn.jiesu.core.callback.CallbackOutcome;
import cn.jiesu.core.rates.RateScope;
import cn.jiesu.core.rates.RateStore;
import java.time.Instant;

/**
 * Counts the first answered callback of an appeal as its first response for 响应率 (the time is when the attempt was
 * placed). Runs on a Lettuce thread; only starts the write, and the rate script counts once per appeal.
 */
public final class ResponseRecorder implements AttemptListener {
    private final RateStore rates;

    public ResponseRecorder(RateStore rates) {
        this.rates = rates;
    }

    @Override
    public void attemptEnded(CallbackAttempt a, CallbackOutcome outcome, Instant ended, String status) {
        if (outcome.reached()) {
            rates.responded(a.intakeId(), new RateScope(null, null), a.claimedAt());
        }
    }
}
