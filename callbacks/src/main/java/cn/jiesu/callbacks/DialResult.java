package cn.jiesu.callbacks;

import cn.jiesu.core.callback.CallbackOutcome;
import java.util.Objects;

/**
 * How a click-to-call ended for the citizen.
 *
 * @param outcome       the citizen leg's outcome (Dial's DIALSTATUS), or the agent leg's when the citizen was
 *                      never dialled (the agent did not pick up, the Originate failed)
 * @param citizenDialed whether the citizen's phone was dialled at all: only then is it an attempt on a callback
 */
public record DialResult(CallbackOutcome outcome, boolean citizenDialed) {
    public DialResult {
        Objects.requireNonNull(outcome, "outcome");
    }
}
