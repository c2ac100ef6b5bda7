package cn.jiesu.callbacks;

import cn.jiesu.core.callback.CallbackAttempt;
import cn.jiesu.core.callback.CallbackOutcome;
import java.time.Instant;

/**
 * Told about every attempt whose completion was recorded, with the callback's resulting status (PENDING when it
 * will be retried, REACHED, UNREACHED). Runs on a Lettuce I/O thread: start work, never block.
 */
@FunctionalInterface
public interface AttemptListener {
    void attemptEnded(CallbackAttempt attempt, CallbackOutcome outcome, Instant ended, String status);

    AttemptListener NONE = (a, o, e, s) -> {};

    /** Tells each listener in turn. */
    static AttemptListener all(AttemptListener... listeners) {
        java.util.List<AttemptListener> copy = java.util.List.of(listeners);
        return (a, o, e, s) -> copy.forEach(l -> l.attemptEnded(a, o, e, s));
    }
}
