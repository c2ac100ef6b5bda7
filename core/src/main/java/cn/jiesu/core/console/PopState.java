package cn.jiesu.core.console;

/** Where the call behind a pop is; it only moves forward (a late "offered" never un-ends a call). */
public enum PopState {
    /** The agent's phone rings. */
    OFFERED,
    /** The agent is talking to the caller. */
    CONNECTED,
    /** The caller hung up. */
    ENDED;

    /** The later of two states. */
    public PopState max(PopState other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
