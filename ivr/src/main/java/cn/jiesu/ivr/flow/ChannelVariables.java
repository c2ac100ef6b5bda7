package cn.jiesu.ivr.flow;

/**
 * The channel variables the IVR sets for the dialplan and the AMI call tracker (manager.conf lists them in
 * {@code channelvars}, so every AMI event carries them). This class is the IVR side of that contract.
 */
public final class ChannelVariables {
    /** {@code zh} or {@code en}. */
    public static final String LANG = "JIESU_LANG";
    /** Comma-joined choices in order, e.g. {@code lang:1,menu:2}. */
    public static final String PATH = "JIESU_PATH";
    /** A {@link cn.jiesu.core.intake.RequestType} name. */
    public static final String REQUEST_TYPE = "JIESU_REQTYPE";
    /** A {@link cn.jiesu.core.intake.Urgency} name. */
    public static final String URGENCY = "JIESU_URGENCY";
    /** {@code queue} (the dialplan runs Queue(hotline-${JIESU_QUEUE})) or {@code done} (it hangs up). */
    public static final String ROUTE = "JIESU_ROUTE";
    /** {@code priority} or {@code general}. */
    public static final String QUEUE = "JIESU_QUEUE";
    /** {@code 1} when the caller asked to be called back. */
    public static final String CALLBACK = "JIESU_CALLBACK";
    public static final String CALLBACK_NUMBER = "JIESU_CALLBACK_NUMBER";
    /** The voice message file on the Asterisk host. */
    public static final String RECORDING = "JIESU_RECORDING";
    /** agent, status, callback, voicemail, invalid, ... */
    public static final String OUTCOME = "JIESU_OUTCOME";
    /** Asterisk's channel language: Playback finds sounds/zh/... */
    public static final String CHANNEL_LANGUAGE = "CHANNEL(language)";

    public static final String ROUTE_QUEUE = "queue";
    public static final String ROUTE_DONE = "done";

    private ChannelVariables() {
    }
}
