package cn.jiesu.ivr.flow;

/** How an IVR session ended. The {@link #outcome()} names are the {@code outcome} tag of the session metric. */
public sealed interface FlowResult {

    /** Low-cardinality name of the result. */
    String outcome();

    /** Routed to a queue: the dialplan runs Queue(hotline-{@code queue}) after the script returns. */
    record Queued(String queue) implements FlowResult {
        @Override
        public String outcome() {
            return "queued";
        }
    }

    /** The flow finished by itself (status read back, callback accepted, message left); the dialplan hangs up. */
    record Completed() implements FlowResult {
        @Override
        public String outcome() {
            return "completed";
        }
    }

    /** The caller hung up during the IVR. */
    record HungUp() implements FlowResult {
        @Override
        public String outcome() {
            return "hangup";
        }
    }

    /**
     * The session could not go on.
     *
     * @param kind the {@code agi.errors} kind: {@code network}, {@code protocol}, {@code script}, {@code loop}
     */
    record Failed(String kind, Throwable cause) implements FlowResult {
        @Override
        public String outcome() {
            return "failed";
        }
    }
}
