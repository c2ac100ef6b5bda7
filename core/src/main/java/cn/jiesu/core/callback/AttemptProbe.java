package cn.jiesu.core.callback;

import java.util.concurrent.CompletionStage;

/**
 * Asks the telephony side whether an attempt's channel exists or existed, so a reclaimer never redials an attempt
 * that an instance which died had already started. The gateway implements it from AMI (active channels plus recent
 * originate results keyed by ChannelId). Thread-safe, non-blocking.
 */
public interface AttemptProbe {

    /**
     * What is known about the attempt's channel ({@link CallbackAttempt#channelId()}). NeverStarted is a proof, not
     * a guess: only answer it when the telephony side's history covers the whole time since
     * {@link CallbackAttempt#claimedAt()} (no event gap) and shows no trace of the channel; otherwise Unknown.
     */
    CompletionStage<ProbeResult> probe(CallbackAttempt attempt);

    /** The answer of a probe: a closed set, switched on by the reclaimer. */
    sealed interface ProbeResult {
        /** Asterisk never saw this channel id: the attempt provably did not start; it may be redialed. */
        record NeverStarted() implements ProbeResult {}

        /** The channel exists now: the call is in progress; wait. */
        record InProgress() implements ProbeResult {}

        /** The attempt is over (the channel hung up, or the originate failed) with this outcome. */
        record Ended(CallbackOutcome outcome) implements ProbeResult {}

        /** The probe cannot tell (AMI down, history expired): never redial on this, wait and ask again. */
        record Unknown(String why) implements ProbeResult {}
    }
}
