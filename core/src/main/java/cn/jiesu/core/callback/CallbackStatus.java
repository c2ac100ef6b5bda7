package cn.jiesu.core.callback;

/** Where a callback stands. PENDING and DIALING are open; the others are final. */
public enum CallbackStatus {
    /** Waiting for its notBefore, or eligible and waiting for a trunk (and an agent, when agent-first). */
    PENDING,
    /** Claimed by one scheduler instance under a lease; an attempt is being placed. */
    DIALING,
    /** A person answered. */
    REACHED,
    /** Attempts exhausted, or no further attempt fits before the deadline. */
    UNREACHED,
    /** Withdrawn (the appeal was closed another way). */
    CANCELLED;

    public boolean isOpen() {
        return this == PENDING || this == DIALING;
    }
}
