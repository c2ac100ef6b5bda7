package cn.jiesu.core.console;

/** An agent's availability as the queues see it. */
public enum AgentState {
    /** Takes calls. */
    READY,
    /** Paused in the queues (a break, training, or a pause made in Asterisk by someone else). */
    PAUSED,
    /** Paused after a call while finishing its appeal; ends by itself after the configured limit. */
    WRAP_UP,
    /** On a call, as Asterisk says (the member is in a queue call, or its device is in use or ringing); observed. */
    ON_CALL,
    /** No browser signed in (derived; never stored). */
    OFFLINE;

    /** Whether the agent's queue membership is paused in this state (for the states an agent or timer sets). */
    public boolean paused() {
        return this == PAUSED || this == WRAP_UP;
    }

    /** Whether an agent may pick this state in the console: the others are observed or follow a call. */
    public boolean chosen() {
        return this == READY || this == PAUSED;
    }
}
