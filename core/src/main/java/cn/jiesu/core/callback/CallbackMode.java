package cn.jiesu.core.callback;

/** Who is dialed first: the order decides whether a citizen or an agent might be left waiting. */
public enum CallbackMode {
    /** Ring a free agent in the target queue first, then dial the citizen and bridge: no citizen waits. */
    AGENT_FIRST,
    /** Dial the citizen, play a prompt (or run the survey), then queue for an agent if needed. */
    CITIZEN_FIRST
}
