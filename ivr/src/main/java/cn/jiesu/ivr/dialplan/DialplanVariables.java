package cn.jiesu.ivr.dialplan;

import java.util.Set;

/**
 * The one owner of the channel variables shared with the dialplan (config/asterisk/extensions.conf): the variables the
 * FastAGI IVR sets for the dialplan and the AMI call tracker, and the ones the gateway sets on the calls it originates.
 * manager.conf lists {@link #CHANNELVARS} so every AMI event carries the tracked ones; {@code DialplanContractTest}
 * holds extensions.conf and manager.conf to this class.
 */
public final class DialplanVariables {
    // --- Set by the IVR (SET VARIABLE), read by the dialplan and the AMI call tracker ---------------------------

    /** zh or en. */
    public static final String LANG = "JIESU_LANG";
    /** Comma-joined choices in order, e.g. {@code lang:1,menu:2}. */
    public static final String PATH = "JIESU_PATH";
    /** A {@link cn.jiesu.core.intake.RequestType} name. */
    public static final String REQTYPE = "JIESU_REQTYPE";
    /** An {@link cn.jiesu.core.intake.Urgency} name. */
    public static final String URGENCY = "JIESU_URGENCY";
    /** {@link #ROUTE_QUEUE} (the dialplan runs Queue(hotline-${JIESU_QUEUE})) or {@link #ROUTE_DONE} (it hangs up). */
    public static final String ROUTE = "JIESU_ROUTE";
    /** priority or general; on an agent-first callback, the queue whose agent takes it. */
    public static final String QUEUE = "JIESU_QUEUE";
    /** 1 when the caller asked to be called back. */
    public static final String CALLBACK = "JIESU_CALLBACK";

    public static final String CALLBACK_NUMBER = "JIESU_CALLBACK_NUMBER";
    /** The voice message file on the Asterisk host. */
    public static final String RECORDING = "JIESU_RECORDING";
    /** agent, status, callback, voicemail, invalid ... */
    public static final String OUTCOME = "JIESU_OUTCOME";
    /** The survey's rating (config/ivr.yaml's survey flow sets it; the survey recorder reads it from AMI). */
    public static final String SURVEY = "JIESU_SURVEY";
    /**
     * The number the citizen dialled when it is not the hotline's own: set (inherited, {@code __JIESU_DNIS}) by the
     * dialplan of a legacy hotline number routed into the IVR, not by the IVR.
     */
    public static final String DNIS = "JIESU_DNIS";

    /** Asterisk's channel language: Playback finds sounds/zh/... */
    public static final String CHANNEL_LANGUAGE = "CHANNEL(language)";

    public static final String ROUTE_QUEUE = "queue";
    public static final String ROUTE_DONE = "done";

    // --- Set by the gateway on the calls it originates, read by the dialplan ----------------------------------------

    /** The appeal (intake id) a callback or survey is about: {@code agi://.../callback?ticket=${TICKET}}. */
    public static final String TICKET = "TICKET";
    /** The callback of an agent-first call, for the dialplan's log lines. */
    public static final String CALLBACK_ID = "JIESU_CALLBACK_ID";
    /** Seconds to ring the citizen (default 30). */
    public static final String RING = "JIESU_RING";
    /** Seconds an agent-first callback waits in the queue for an agent (default 60). */
    public static final String AGENT_WAIT = "JIESU_AGENT_WAIT";
    /** Seconds before Queue() gives up (empty: no limit). */
    public static final String QUEUE_TIMEOUT = "JIESU_QUEUE_TIMEOUT";
    /** The agent who clicked to call, on the console's originated call. */
    public static final String AGENT = "JIESU_AGENT";

    /** What the AMI call tracker follows; manager.conf's {@code channelvars}. */
    public static final Set<String> TRACKED =
            Set.of(LANG, PATH, REQTYPE, URGENCY, ROUTE, QUEUE, CALLBACK, CALLBACK_NUMBER, RECORDING, OUTCOME, DNIS);

    /** The value of {@code channelvars=} in manager.conf. */
    public static final String CHANNELVARS = String.join(
            ",", LANG, PATH, REQTYPE, URGENCY, ROUTE, QUEUE, CALLBACK, CALLBACK_NUMBER, RECORDING, OUTCOME, DNIS);

    /** Every variable of the contract, tracked or not. */
    public static final Set<String> ALL = Set.of(
            LANG,
            PATH,
            REQTYPE,
            URGENCY,
            ROUTE,
            QUEUE,
            CALLBACK,
            CALLBACK_NUMBER,
            RECORDING,
            OUTCOME,
            SURVEY,
            DNIS,
            TICKET,
            CALLBACK_ID,
            RING,
            AGENT_WAIT,
            QUEUE_TIMEOUT,
            AGENT);

    private DialplanVariables() {}

    public static boolean isTracked(String name) {
        return name != null && name.startsWith("JIESU_") && TRACKED.contains(name);
    }

    /**
     * A variable's name without the inheritance prefix ({@code _} or {@code __}) a VarSet shows it with; Asterisk
     * finds the variable under the bare name, and so does {@code channelvars}.
     */
    public static String bare(String name) {
        if (name == null) {
            return null;
        }
        int i = 0;
        while (i < 2 && i < name.length() && name.charAt(i) == '_') {
            i++;
        }
        return name.substring(i);
    }
}
