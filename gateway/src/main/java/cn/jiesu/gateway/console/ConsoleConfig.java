package cn.jiesu.gateway.console;

import cn.jiesu.core.config.ConfigException;
import cn.jiesu.core.config.ConfigNode;
import cn.jiesu.core.console.AgentAccount;
import cn.jiesu.core.console.Role;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The agent console's settings ({@code console.*} in config/jiesu.yaml), validated on construction.
 *
 * @param sessionIdle        a session unused this long is gone (each use extends it)
 * @param sessionMax         a session is gone this long after sign-in, used or not
 * @param cookieSecure       mark the session cookie Secure (set behind TLS)
 * @param signIn             password checks allowed per address, extension and instance; PBKDF2 strength
 * @param popTtl             how long unacknowledged pops are kept for replay
 * @param historyWindow      how far back a pop lists the caller's appeals (90 days)
 * @param historyLimit       at most this many appeals per pop
 * @param contextTimeout     a caller lookup (history, callbacks) slower than this is left out of the pop
 * @param repeatWindow       a caller with an appeal this recent is flagged as a repeat caller
 * @param phoneAccount       the hotline number the tracker's phone appeals carry: their dedupe key is
 *                           {@code PHONE|<phoneAccount>|<linkedid>}
 * @param draftTtl           how long a form saved during a call waits for its appeal
 * @param draftSweep         how often saved forms are matched with appeals that appeared since
 * @param autoWrapUp         an agent whose call ends goes to wrap-up (paused in the queues)
 * @param wrapUpLimit        a wrap-up ends by itself this long after it began (unpaused, ready); zero: only when the
 *                           agent clicks ready
 * @param agentInterface     the queue member interface of an agent, {@code {ext}} replaced (for QueuePause)
 * @param wallboardInterval  how often supervisors' wallboards are refreshed
 * @param clickToCall        where click-to-call rings first and where it then dials the citizen
 * @param agents             the accounts from config, by extension (Redis may add more)
 */
public record ConsoleConfig(
        boolean enabled,
        Duration sessionIdle,
        Duration sessionMax,
        boolean cookieSecure,
        SignInConfig signIn,
        Duration popTtl,
        Duration historyWindow,
        int historyLimit,
        Duration contextTimeout,
        Duration repeatWindow,
        String phoneAccount,
        Duration draftTtl,
        Duration draftSweep,
        boolean autoWrapUp,
        Duration wrapUpLimit,
        String agentInterface,
        Duration wallboardInterval,
        WallboardMeters meters,
        ClickToCall clickToCall,
        Map<String, AgentAccount> agents) {

    public ConsoleConfig {
        if (sessionMax.compareTo(sessionIdle) < 0) {
            throw new ConfigException("console.session-max", "must not be shorter than console.session-idle");
        }
        Objects.requireNonNull(signIn, "signIn");
        if (historyLimit < 1 || historyLimit > 200) {
            throw new ConfigException("console.history-limit", "between 1 and 200");
        }
        if (!agentInterface.contains("{ext}")) {
            throw new ConfigException("console.agent-interface", "must contain {ext}");
        }
        if (wrapUpLimit.isNegative()) {
            throw new ConfigException(
                    "console.wrap-up.limit", "must not be negative (0s: until the agent clicks ready)");
        }
        agents = Map.copyOf(agents);
    }

    /** Reads {@code console.*}; the first bad value throws a {@link ConfigException} naming its key. */
    public static ConsoleConfig from(ConfigNode t) {
        Map<String, AgentAccount> agents = new LinkedHashMap<>();
        for (String ext : t.section("console.agents").keys()) {
            String p = "console.agents." + ext + ".";
            Role role = t.has(p + "role") ? t.enumValue(p + "role", Role.class) : Role.AGENT;
            agents.put(
                    ext,
                    new AgentAccount(ext, t.optionalString(p + "name"), role, t.optionalString(p + "password-hash")));
        }
        return new ConsoleConfig(
                t.bool("console.enabled"),
                t.duration("console.session-idle"),
                t.duration("console.session-max"),
                t.bool("console.cookie-secure"),
                SignInConfig.from(t),
                t.duration("console.pop-ttl"),
                t.duration("console.history-window"),
                t.integer("console.history-limit", 1, 200),
                t.duration("console.context-timeout"),
                t.duration("console.repeat-window"),
                t.string("console.phone-account"),
                t.duration("console.draft-ttl"),
                t.duration("console.draft-sweep"),
                t.bool("console.auto-wrap-up"),
                t.durationOrZero("console.wrap-up.limit"),
                t.string("console.agent-interface"),
                t.duration("console.wallboard.interval"),
                WallboardMeters.from(t),
                new ClickToCall(
                        t.string("console.click-to-call.endpoint"),
                        t.string("console.click-to-call.context"),
                        t.string("console.click-to-call.caller-id")),
                agents);
    }

    /**
     * Click-to-call: Asterisk rings {@code endpoint} ({@code {ext}} replaced) first, then continues at
     * {@code context}/{@code <number>} to dial the citizen, showing {@code callerId}.
     */
    public record ClickToCall(String endpoint, String context, String callerId) {
        public ClickToCall {
            if (endpoint == null || !endpoint.contains("{ext}")) {
                throw new ConfigException("console.click-to-call.endpoint", "must contain {ext}");
            }
        }
    }

    /** The queue member interface of {@code ext}, e.g. {@code Local/8001@agent-sim/n}. */
    public String interfaceOf(String ext) {
        return agentInterface.replace("{ext}", ext);
    }

    /**
     * The extension whose queue member interface is {@code memberInterface} (the inverse of {@link #interfaceOf}),
     * or null for a member that is no console agent's (another pattern, or an empty or odd extension).
     */
    public String extOf(String memberInterface) {
        int at = agentInterface.indexOf("{ext}");
        String head = agentInterface.substring(0, at);
        String tail = agentInterface.substring(at + "{ext}".length());
        if (memberInterface == null
                || memberInterface.length() <= head.length() + tail.length()
                || !memberInterface.regionMatches(true, 0, head, 0, head.length())
                || !memberInterface.regionMatches(
                        true, memberInterface.length() - tail.length(), tail, 0, tail.length())) {
            return null;
        }
        String ext = memberInterface.substring(head.length(), memberInterface.length() - tail.length());
        return ext.matches("[0-9A-Za-z_.-]{1,32}") ? ext : null;
    }
}
