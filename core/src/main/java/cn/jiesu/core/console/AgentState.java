package cn.jiesu.core.console;

/** An agent's availability as the queues see it. */
public enum AgentState {
    /** Takes calls. */
    READY,
    /** Paused in every queue (break, training). */
    PAUSED,
    /** Paused after a call while finishing its appeal. */
    WRAP_UP,
    /** No browser signed in (derived; never stored). */
    OFFLINE;

    /** Whether the agent's queue membership is paused in this state. */
    public boolean paused() {
        return this != READY;
    }
}
