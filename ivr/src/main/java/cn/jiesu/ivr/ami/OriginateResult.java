package cn.jiesu.ivr.ami;

import java.util.Objects;

/**
 * The end of an async Originate, matched to its request by ActionID.
 *
 * @param reason    OriginateResponse Reason, or -1 without one (REJECTED, UNKNOWN)
 * @param uniqueid  the call's Uniqueid (our ChannelId on success), null when Asterisk says {@code <unknown>}
 * @param message   Asterisk's message for REJECTED, or why the outcome is UNKNOWN
 */
public record OriginateResult(
        String actionId, String channelId, OriginateOutcome outcome, int reason, String uniqueid, String message) {
    public OriginateResult {
        Objects.requireNonNull(actionId, "actionId");
        Objects.requireNonNull(outcome, "outcome");
    }
}
