package cn.jiesu.gateway.console;

/**
 * The console's port for agents' queue-member state: the gateway wires the AMI call tracker's member listener to it
 * (see {@link TrackerCallEvents#attachMembers}), so pauses and unpauses made anywhere (a supervisor's
 * {@code QueuePause}, the CLI) and calls at the agent's device reach the agent's console. The console never sees AMI
 * types.
 *
 * <p>Thread contract: any thread may call; it returns at once (the work is scheduled on the console's context).
 * Calls for one member are handled in the order they are made.
 */
@FunctionalInterface
public interface QueueMemberEvents {

    /** The member's state or pause reason changed in Asterisk. */
    void member(AsteriskMember member);
}
