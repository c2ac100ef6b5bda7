package cn.jiesu.core.intake;

/** How a phone call ended, from the gateway's point of view. */
public enum CallDisposition {
    /** An agent answered. */
    ANSWERED,
    /** The IVR finished without an agent (status lookup, voice message, callback accepted). */
    SELF_SERVICE,
    /** The caller hung up in the IVR menus. */
    ABANDONED_IVR,
    /** The caller hung up while waiting in a queue. */
    ABANDONED_QUEUE,
    /** The caller left a voice message. */
    VOICE_MESSAGE,
    /** The call was lost for a technical reason (AMI gap, Asterisk restart). */
    LOST
}
