package cn.jiesu.ivr.call;

import cn.jiesu.core.intake.CallDisposition;
import cn.jiesu.ivr.dialplan.DialplanVariables;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A finished inbound call, as the tracker closes it: the input of {@link CallIntakeFactory}.
 *
 * @param callerNumber  the caller's CallerIDNum, or null when withheld
 * @param startedAt     when the call reached the hotline
 * @param endedAt       the last channel's Hangup, or the last sign of life for a call closed by reconcile
 * @param queue         the IVR's queue name (general, priority), or null
 * @param agent         the agent extension that answered, or null
 * @param vars          the {@link DialplanVariables} the IVR set
 * @param hangupCause   Q.850 cause of the caller's channel, or null when the Hangup was never seen
 * @param seenToEnd     false when the call was closed by a reconcile (its end happened in a gap)
 */
public record EndedCall(
        String linkedid,
        String callerUniqueid,
        String callerNumber,
        Instant startedAt,
        Instant endedAt,
        String queue,
        String agent,
        Map<String, String> vars,
        Integer hangupCause,
        CallDisposition disposition,
        boolean seenToEnd) {
    public EndedCall {
        Objects.requireNonNull(linkedid, "linkedid");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(endedAt, "endedAt");
        Objects.requireNonNull(disposition, "disposition");
        vars = Map.copyOf(vars);
    }

    public String var(String name) {
        return vars.get(name);
    }
}
