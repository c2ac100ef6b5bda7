package cn.jiesu.ivr.ami;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A stretch of time in which the gateway may have missed AMI events, so the call tracker was reconciled after it.
 *
 * @param cause       {@code disconnected} (the AMI session dropped), {@code dropped-by-asterisk-java} (its internal
 *                    queue overflowed) or {@code event-queue-full} (our hand-off queue overflowed)
 * @param lostEvents  events known to be lost, or -1 when unknown (a disconnect)
 */
public record AmiGap(Instant from, Instant to, String cause, long lostEvents) {
    public static final String DISCONNECTED = "disconnected";
    public static final String DROPPED_BY_ASTERISK_JAVA = "dropped-by-asterisk-java";
    public static final String EVENT_QUEUE_FULL = "event-queue-full";

    public AmiGap {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(cause, "cause");
    }

    public Duration duration() {
        return Duration.between(from, to);
    }
}
