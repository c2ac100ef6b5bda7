package cn.jiesu.ivr.flow;

/**
 * Hears what a flow does, for metrics, logs and tests. Called on the session's thread, from many sessions at once:
 * implementations are thread-safe and return quickly. Every method has an empty default.
 */
public interface FlowObserver {

    FlowObserver NONE = new FlowObserver() {};

    /** A prompt (or spoken digits/date, as {@code digits:...} / {@code date:...}) was played to the caller. */
    default void played(CallRef call, String what) {}

    /** A channel variable was set by the flow. */
    default void variableSet(CallRef call, String name, String value) {}

    /** Something the caller could not see went wrong, and the flow took its fallback ({@code lookup}, ...). */
    default void degraded(CallRef call, String kind, Throwable cause) {}

    /** The session ended. */
    default void ended(CallRef call, FlowResult result) {}
}
