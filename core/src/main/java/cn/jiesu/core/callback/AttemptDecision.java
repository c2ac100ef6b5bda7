package cn.jiesu.core.callback;

import java.time.Instant;

/** What follows an attempt: another attempt at a time, or a final status. */
public sealed interface AttemptDecision {
    /** Try again, not before {@code at}. */
    record RetryAt(Instant at) implements AttemptDecision {}

    /** The callback is done: REACHED or UNREACHED. */
    record Final(CallbackStatus status) implements AttemptDecision {}
}
