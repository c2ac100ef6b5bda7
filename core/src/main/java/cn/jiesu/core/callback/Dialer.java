package cn.jiesu.core.callback;

import java.util.concurrent.CompletionStage;

/**
 * Places one callback attempt on the telephony side (AMI originate in production, a simulation in tests).
 *
 * <p>Contract: originate with {@link CallbackAttempt#channelId()} as the channel's id, and complete the stage when
 * the attempt is over (the channel hung up, or the originate failed) with its outcome: the scheduler holds the
 * trunk slot (and, agent-first, the agent reservation) until then, so the trunk cap counts whole calls. A stage
 * failed with {@link NotPlacedException} means nothing was sent (the attempt is re-queued, not counted); any other
 * failure is recorded as {@link CallbackOutcome#FAILED}.
 * Implementations must be thread-safe and must not block the caller.
 */
public interface Dialer {
    CompletionStage<CallbackOutcome> dial(CallbackAttempt attempt);
}
