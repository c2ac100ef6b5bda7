package cn.jiesu.core.intake;

import java.util.List;

/**
 * What the phone line knows about a call (phone appeals only).
 *
 * @param linkedid    Asterisk's Linkedid: one per call, across all its channels
 * @param uniqueid    Uniqueid of the caller's channel
 * @param dnis        the number dialled (12345)
 * @param queue       the queue the call waited in, if any
 * @param agent       the agent (extension) who answered, if any
 * @param language    the IVR language the caller chose
 * @param ivrPath     the caller's choices, in order (e.g. "lang:zh", "menu:2")
 * @param hangupCause Q.850 cause code, or null
 * @param durationS   seconds from start to hangup, or null
 */
public record CallInfo(
        String linkedid,
        String uniqueid,
        String dnis,
        String queue,
        String agent,
        String language,
        List<String> ivrPath,
        String recordingRef,
        Integer hangupCause,
        Integer durationS,
        CallDisposition disposition) {
    public CallInfo {
        ivrPath = ivrPath == null ? List.of() : List.copyOf(ivrPath);
    }
}
