package cn.jiesu.core.console;

import java.time.Instant;
import java.util.Objects;

/**
 * What one gateway instance tells the others about an agent's console, so that the instance holding the agent's
 * browser shows it whichever instance saw the AMI event or served the request.
 */
public sealed interface ConsoleNotice {

    /** The instance that published it (instances ignore their own notices). */
    String origin();

    /** The agent whose sockets it is for. */
    String ext();

    /**
     * A pop created or moved forward.
     *
     * @param body the pop's JSON without its state when the pop is new; null for a state change only
     * @param at   the AMI event's time (pop latency is measured from here on every instance)
     */
    record Pop(String origin, String ext, String popId, PopState state, String body, Instant at)
            implements ConsoleNotice {
        public Pop {
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(ext, "ext");
            Objects.requireNonNull(popId, "popId");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(at, "at");
        }
    }

    /** Any other frame for the agent's sockets (a click-to-call result, an agent-state change). */
    record Frame(String origin, String ext, String frame) implements ConsoleNotice {
        public Frame {
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(ext, "ext");
            Objects.requireNonNull(frame, "frame");
        }
    }
}
