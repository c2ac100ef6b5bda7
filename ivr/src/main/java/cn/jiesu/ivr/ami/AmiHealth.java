package cn.jiesu.ivr.ami;

import java.time.Instant;

/**
 * What {@code /health} shows about AMI. Immutable snapshot.
 *
 * @param since         when {@code state} was entered
 * @param gapOpenSince  when the current gap began (the session dropped), null while UP
 * @param lastGap       the most recent closed gap, or null
 * @param lastError     why the last connect attempt failed (never contains the secret), or null
 */
public record AmiHealth(
        AmiState state,
        Instant since,
        Instant gapOpenSince,
        AmiGap lastGap,
        long gaps,
        long eventsReceived,
        long eventsDropped,
        int queueDepth,
        int queueCapacity,
        String lastError) {

    public boolean up() {
        return state == AmiState.UP;
    }
}
