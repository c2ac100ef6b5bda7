package cn.jiesu.ivr.call;

import cn.jiesu.ivr.dialplan.DialplanVariables;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One inbound call in progress, for the agent console and the wallboard. Immutable.
 *
 * @param callerNumber  the caller's number, or null when withheld (an id: never log it at info level)
 * @param queue         the IVR queue name (general, priority) once the IVR chose one
 * @param waitingSince  when the caller joined the queue, while waiting in it; else null
 * @param ivrChoices    the caller's menu choices in order (e.g. {@code lang:1}, {@code menu:2})
 * @param vars          everything the IVR set ({@link DialplanVariables})
 * @param agent         the agent talking to the caller, or the one whose phone rings
 */
public record ActiveCall(
        String linkedid,
        String callerNumber,
        CallState state,
        String queue,
        Instant startedAt,
        Instant waitingSince,
        List<String> ivrChoices,
        Map<String, String> vars,
        String agent) {
    public ActiveCall {
        Objects.requireNonNull(linkedid, "linkedid");
        Objects.requireNonNull(state, "state");
        ivrChoices = List.copyOf(ivrChoices);
        vars = Map.copyOf(vars);
    }
}
