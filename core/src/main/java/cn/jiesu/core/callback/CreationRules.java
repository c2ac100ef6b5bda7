package cn.jiesu.core.callback;

import cn.jiesu.core.config.ConfigException;
import cn.jiesu.core.intake.RequestType;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Which appeals get a callback and with what deadline, mode and queue.
 *
 * @param requestedWithin  deadline of a requested or abandoned-call callback, from receivedAt (default 2 h)
 * @param returnVisit      the return-visit rule: request types whose phone appeals get a callback, each with its
 *                         deadline from receivedAt (default every type, 2 h); a type not in the map gets none
 * @param surveyDelay      how long after a resolution the survey call may start (default 0)
 * @param surveyWithin     deadline of the survey, from the resolution (default 24 h)
 * @param scheduledSlack   an agent-scheduled callback's deadline after the citizen's chosen time (default 30 min)
 * @param bringForwardLead when a deadline falls in quiet hours, the callback becomes eligible at least this long
 *                         before quiet hours begin (default 30 min)
 * @param modes            mode per kind
 * @param queue            target queue of non-emergency callbacks ("general")
 * @param emergencyQueue   target queue of emergencies ("priority")
 */
public record CreationRules(
        Duration requestedWithin,
        Map<RequestType, Duration> returnVisit,
        Duration surveyDelay,
        Duration surveyWithin,
        Duration scheduledSlack,
        Duration bringForwardLead,
        Map<CallbackKind, CallbackMode> modes,
        String queue,
        String emergencyQueue) {
    public static final Duration DEFAULT_WITHIN = Duration.ofHours(2);
    public static final CreationRules DEFAULT = new CreationRules(
            DEFAULT_WITHIN,
            allTypes(DEFAULT_WITHIN),
            Duration.ZERO,
            Duration.ofHours(24),
            Duration.ofMinutes(30),
            Duration.ofMinutes(30),
            defaultModes(),
            "general",
            "priority");

    public CreationRules {
        positive(requestedWithin, "callbacks.requested-within");
        returnVisit = Map.copyOf(returnVisit);
        returnVisit.forEach(
                (t, d) -> positive(d, "callbacks.return-visit." + t.name().toLowerCase(Locale.ROOT)));
        if (surveyDelay == null || surveyDelay.isNegative()) {
            throw new ConfigException("callbacks.survey-delay", "must be zero or positive");
        }
        positive(surveyWithin, "callbacks.survey-within");
        if (surveyWithin.compareTo(surveyDelay) <= 0) {
            throw new ConfigException("callbacks.survey-within", "must be longer than callbacks.survey-delay");
        }
        positive(scheduledSlack, "callbacks.scheduled-slack");
        if (bringForwardLead == null || bringForwardLead.isNegative()) {
            throw new ConfigException("callbacks.bring-forward-lead", "must be zero or positive");
        }
        EnumMap<CallbackKind, CallbackMode> m = new EnumMap<>(CallbackKind.class);
        m.putAll(defaultModes());
        m.putAll(modes);
        modes = Map.copyOf(m);
        if (queue == null || queue.isBlank()) {
            throw new ConfigException("callbacks.queue", "required");
        }
        if (emergencyQueue == null || emergencyQueue.isBlank()) {
            throw new ConfigException("callbacks.emergency-queue", "required");
        }
    }

    public CallbackMode mode(CallbackKind kind) {
        return modes.get(kind);
    }

    /** Agent-first where a person talks to the citizen; the survey is an IVR call (citizen-first). */
    public static Map<CallbackKind, CallbackMode> defaultModes() {
        Map<CallbackKind, CallbackMode> m = new EnumMap<>(CallbackKind.class);
        for (CallbackKind k : CallbackKind.values()) {
            m.put(k, k == CallbackKind.SURVEY ? CallbackMode.CITIZEN_FIRST : CallbackMode.AGENT_FIRST);
        }
        return m;
    }

    public static Map<RequestType, Duration> allTypes(Duration within) {
        Map<RequestType, Duration> m = new EnumMap<>(RequestType.class);
        for (RequestType t : RequestType.values()) {
            m.put(t, within);
        }
        return m;
    }

    private static void positive(Duration d, String key) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new ConfigException(key, "must be positive");
        }
    }
}
