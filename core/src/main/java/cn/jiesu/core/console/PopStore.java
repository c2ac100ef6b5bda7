package cn.jiesu.core.console;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Pops awaiting acknowledgement, per agent, shared by every gateway instance so that whichever instance a browser
 * reconnects to can replay them. Thread-safe, non-blocking; every write is atomic.
 */
public interface PopStore {

    /**
     * What {@link #offer} did: whether the pop is new (deliver it) and the state it is in now. A pop for a call
     * already ended is created ENDED.
     */
    record Offered(boolean created, PopState state, boolean changed) {}

    /**
     * Stores {@code pop} as pending for its agent unless a pop with its id exists; an existing pop is moved forward
     * to {@code pop.state()} if that is later ({@code changed}).
     */
    CompletionStage<Offered> offer(StoredPop pop, Duration ttl);

    /** Marks the call ended (also for pops created later) and returns the pops that changed. */
    CompletionStage<List<PopRef>> endCall(String linkedid, Duration ttl);

    /** Removes the pop from its agent's pending set; false when it was not pending. */
    CompletionStage<Boolean> ack(String ext, String popId);

    /** The agent's unacknowledged pops, oldest first, with their current state. */
    CompletionStage<List<StoredPop>> pending(String ext);

    CompletionStage<Optional<StoredPop>> get(String popId);

    /** Replaces the body of an existing pop (state and pending kept); false when the pop is gone. */
    CompletionStage<Boolean> rewrite(String popId, String body);

    /**
     * A pop of {@code ext} whose call they answered and that has not ended (CONNECTED): the agent is on that call.
     * Empty when they are on none.
     */
    CompletionStage<Optional<String>> onCall(String ext);

    /** A pop named by its agent and id, with the state it had before the change. */
    record PopRef(String ext, String popId, PopState previous) {}
}
