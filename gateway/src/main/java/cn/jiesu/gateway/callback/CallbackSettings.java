package cn.jiesu.gateway.callback;

import cn.jiesu.callbacks.AmiDialer;
import cn.jiesu.core.callback.CallbackConfig;
import cn.jiesu.core.callback.CallbackKind;
import cn.jiesu.core.callback.CallbackMode;
import cn.jiesu.core.callback.CallbackOutcome;
import cn.jiesu.core.callback.CallingWindow;
import cn.jiesu.core.callback.CreationRules;
import cn.jiesu.core.callback.RetryPolicy;
import cn.jiesu.core.config.ConfigException;
import cn.jiesu.core.config.ConfigNode;
import cn.jiesu.core.intake.RequestType;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code callbacks.*} section of jiesu.yaml, read into the core {@link CallbackConfig}; every bad value fails
 * start-up with a {@link ConfigException} naming its key.
 *
 * @param enabled    whether this instance runs a scheduler (the API and the schedule itself are always on)
 * @param instanceId this instance's name in leases and attempt history (empty in YAML: host name and pid)
 * @param dial       how {@link AmiDialer} originates ({@code callbacks.dial.*})
 */
public record CallbackSettings(boolean enabled, String instanceId, CallbackConfig config, AmiDialer.Settings dial) {

    public static CallbackSettings from(ConfigNode t) {
        ZoneId zone = zone(t, "callbacks.zone");
        Set<LocalDate> blackout = new HashSet<>();
        for (String d : t.list("callbacks.blackout-dates")) {
            try {
                blackout.add(LocalDate.parse(d));
            } catch (DateTimeParseException e) {
                throw new ConfigException("callbacks.blackout-dates", "not a date (YYYY-MM-DD): '" + d + "'");
            }
        }
        CallingWindow window =
                new CallingWindow(zone, time(t, "callbacks.quiet-start"), time(t, "callbacks.quiet-end"), blackout);
        Map<CallbackOutcome, RetryPolicy.Retry> retries = new EnumMap<>(CallbackOutcome.class);
        for (CallbackOutcome o : CallbackOutcome.values()) {
            if (!o.reached()) {
                String k = RetryPolicy.key(o);
                retries.put(o, new RetryPolicy.Retry(t.duration(k + ".delay"), t.integer(k + ".max-attempts", 1, 100)));
            }
        }
        Map<RequestType, Duration> returnVisit = new EnumMap<>(RequestType.class);
        for (RequestType rt : RequestType.values()) {
            String k = "callbacks.return-visit." + rt.name().toLowerCase(Locale.ROOT);
            String v = t.optionalString(k);
            if (v != null && !v.equalsIgnoreCase("off")) {
                returnVisit.put(rt, t.duration(k));
            }
        }
        Map<CallbackKind, CallbackMode> modes = new EnumMap<>(CallbackKind.class);
        for (CallbackKind kind : CallbackKind.values()) {
            String k = "callbacks.mode." + kebab(kind.name());
            if (t.has(k)) {
                String v = t.string(k).toUpperCase(Locale.ROOT).replace('-', '_');
                try {
                    modes.put(kind, CallbackMode.valueOf(v));
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(k, "must be agent-first or citizen-first, was '" + t.string(k) + "'");
                }
            }
        }
        CreationRules rules = new CreationRules(
                t.duration("callbacks.requested-within"),
                returnVisit,
                t.durationOrZero("callbacks.survey-delay"),
                t.duration("callbacks.survey-within"),
                t.duration("callbacks.scheduled-slack"),
                t.durationOrZero("callbacks.bring-forward-lead"),
                modes,
                t.string("callbacks.queue"),
                t.string("callbacks.emergency-queue"));
        CallbackConfig config = new CallbackConfig(
                window,
                new RetryPolicy(retries),
                rules,
                t.integer("callbacks.trunk-cap", 1, 10_000),
                t.duration("callbacks.typical-call-duration"),
                t.duration("callbacks.lease"),
                t.duration("callbacks.tick-min"),
                t.duration("callbacks.tick-max"),
                t.integer("callbacks.claim-batch", 1, 1000),
                t.duration("callbacks.risk-interval"),
                t.duration("callbacks.risk-horizon"));
        String id = t.optionalString("callbacks.instance-id");
        if (id == null) {
            id = hostName() + "-" + ProcessHandle.current().pid();
        }
        if (id.contains(" ") || id.length() > 64) {
            throw new ConfigException("callbacks.instance-id", "at most 64 characters, no spaces");
        }
        AmiDialer.Settings dial = new AmiDialer.Settings(
                t.string("callbacks.dial.citizen-channel"),
                t.string("callbacks.dial.context"),
                t.string("callbacks.dial.agent-channel"),
                t.string("callbacks.dial.bridge-context"),
                t.string("callbacks.dial.caller-id"),
                t.duration("callbacks.dial.ring-timeout"),
                t.duration("callbacks.dial.max-call"),
                Map.of());
        if (!dial.citizenChannel().contains("{number}")) {
            throw new ConfigException("callbacks.dial.citizen-channel", "must contain {number}");
        }
        if (!dial.agentChannel().contains("{queue}")) {
            throw new ConfigException("callbacks.dial.agent-channel", "must contain {queue}");
        }
        return new CallbackSettings(t.bool("callbacks.enabled"), id, config, dial);
    }

    static String kebab(String enumName) {
        return enumName.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static LocalTime time(ConfigNode t, String key) {
        String s = t.string(key);
        try {
            return LocalTime.parse(s.length() == 4 ? "0" + s : s);
        } catch (DateTimeParseException e) {
            throw new ConfigException(key, "not a time of day (HH:MM): '" + s + "'");
        }
    }

    private static ZoneId zone(ConfigNode t, String key) {
        try {
            return ZoneId.of(t.string(key));
        } catch (RuntimeException e) {
            throw new ConfigException(key, "not a time zone id (e.g. Asia/Shanghai): '" + t.string(key) + "'");
        }
    }

    private static String hostName() {
        String h = System.getenv("HOSTNAME");
        if (h == null || h.isBlank()) {
            try {
                h = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                h = "gateway";
            }
        }
        return h.replace(' ', '-');
    }
}
