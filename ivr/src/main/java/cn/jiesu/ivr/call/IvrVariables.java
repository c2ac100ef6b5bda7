package cn.jiesu.ivr.call;

import java.util.Set;

/**
 * The channel variables the FastAGI IVR sets on its channel (SET VARIABLE) and the tracker reads back from AMI: the
 * contract between the IVR (and the dialplan) and call tracking. manager.conf lists the same names in
 * {@code channelvars}.
 */
public final class IvrVariables {
    /** zh or en. */
    public static final String LANG = "JIESU_LANG";
    /** Comma-joined choices, e.g. {@code lang:1,menu:2}. */
    public static final String PATH = "JIESU_PATH";
    /** A {@link cn.jiesu.core.intake.RequestType} name. */
    public static final String REQTYPE = "JIESU_REQTYPE";
    /** An {@link cn.jiesu.core.intake.Urgency} name. */
    public static final String URGENCY = "JIESU_URGENCY";
    /** queue or done. */
    public static final String ROUTE = "JIESU_ROUTE";
    /** priority or general. */
    public static final String QUEUE = "JIESU_QUEUE";
    /** 1 when the caller asked to be called back. */
    public static final String CALLBACK = "JIESU_CALLBACK";
    public static final String CALLBACK_NUMBER = "JIESU_CALLBACK_NUMBER";
    /** Reference of the recorded voice message. */
    public static final String RECORDING = "JIESU_RECORDING";
    /** agent, status, callback, voicemail, invalid ... */
    public static final String OUTCOME = "JIESU_OUTCOME";
    /**
     * The number the citizen dialled when it is not the hotline's own: set (inherited, {@code __JIESU_DNIS}) by the
     * dialplan of a legacy hotline number routed into the IVR, not by the IVR.
     */
    public static final String DNIS = "JIESU_DNIS";

    public static final Set<String> ALL = Set.of(LANG, PATH, REQTYPE, URGENCY, ROUTE, QUEUE, CALLBACK,
            CALLBACK_NUMBER, RECORDING, OUTCOME, DNIS);

    /** The value of {@code channelvars=} in manager.conf. */
    public static final String CHANNELVARS = String.join(",", LANG, PATH, REQTYPE, URGENCY, ROUTE, QUEUE, CALLBACK,
            CALLBACK_NUMBER, RECORDING, OUTCOME, DNIS);

    private IvrVariables() {
    }

    public static boolean isTracked(String name) {
        return name != null && name.startsWith("JIESU_") && ALL.contains(name);
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
