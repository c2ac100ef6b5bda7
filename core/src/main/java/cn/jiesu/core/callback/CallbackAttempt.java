package cn.jiesu.core.callback;

import java.time.Instant;
import java.util.Objects;

/**
 * One claimed attempt to place a callback, as handed to a {@link Dialer}.
 *
 * @param attempt    1-based; with the callback id it names the attempt everywhere (AMI ChannelId, history)
 * @param priorAttempts started attempts before this one (the retry budget counts started attempts only)
 * @param notBefore  when this attempt became due (lateness is measured from here)
 * @param rev        the callback's revision when it was claimed (an update during the call bumps it)
 * @param leaseUntil the claimer must not start dialing at or after this instant
 */
public record CallbackAttempt(
        String callbackId,
        int attempt,
        int priorAttempts,
        String intakeId,
        CallbackKind kind,
        CallbackMode mode,
        String number,
        String queue,
        boolean emergency,
        Instant deadline,
        Instant placeBy,
        Instant notBefore,
        long rev,
        Instant claimedAt,
        Instant leaseUntil) {
    public CallbackAttempt {
        Objects.requireNonNull(callbackId, "callbackId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(number, "number");
        if (attempt < 1 || priorAttempts < 0 || priorAttempts >= attempt) {
            throw new IllegalArgumentException(
                    "attempt: must be >= 1 and above priorAttempts, was " + attempt + "/" + priorAttempts);
        }
    }

    /**
     * The deterministic AMI ChannelId of this attempt, {@code cb-<callbackId>-<attempt>}: recorded before the
     * originate, so a reclaimer can ask Asterisk whether this very attempt ever started.
     */
    public String channelId() {
        return channelIdOf(callbackId, attempt);
    }

    /** The attempt id used for idempotent completion; equal to the ChannelId. */
    public String attemptId() {
        return channelId();
    }

    public static String channelIdOf(String callbackId, int attempt) {
        return "cb-" + callbackId + "-" + attempt;
    }
}
