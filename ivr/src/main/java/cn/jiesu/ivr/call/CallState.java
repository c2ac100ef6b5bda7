package cn.jiesu.ivr.call;

/** Where an active inbound call is, as the agent console and wallboard show it. */
public enum CallState {
    /** In the FastAGI menus (or between the menus and the queue). */
    IVR,
    /** Waiting in a queue, no agent ringing. */
    QUEUED,
    /** Waiting in a queue while an agent's phone rings. */
    OFFERED,
    /** Talking to an agent. */
    CONNECTED
}
