package cn.jiesu.ivr.call;

import java.util.Map;
import java.util.Objects;

/**
 * One Asterisk channel as an AMI event describes it: the snapshot fields every channel event carries.
 *
 * @param name       channel name, e.g. {@code PJSIP/trunk-00000001} or {@code Local/s@caller-sim-00000000;1}
 * @param context    dialplan context the channel is in, or null
 * @param exten      dialplan extension, or null
 * @param callerNum  CallerIDNum, null when Asterisk says {@code <unknown>}
 * @param state      ChannelState (0 down, 4 ring, 5 ringing, 6 up), -1 when absent
 * @param vars       the non-empty {@code ChanVariable(NAME)} values the event carried (manager.conf
 *                   {@code channelvars}); empty values are left out
 */
public record ChannelInfo(
        String name,
        String uniqueid,
        String linkedid,
        String context,
        String exten,
        String callerNum,
        String callerName,
        int state,
        Map<String, String> vars) {
    public static final int STATE_UP = 6;

    public ChannelInfo {
        Objects.requireNonNull(uniqueid, "uniqueid");
        Objects.requireNonNull(linkedid, "linkedid");
        vars = vars == null || vars.isEmpty() ? Map.of() : Map.copyOf(vars);
    }

    /** The channel is executing, or was created at, dialplan position {@code context,exten}. */
    public boolean isAt(String context, String exten) {
        return context.equals(this.context) && exten.equals(this.exten);
    }
}
