package cn.jiesu.gateway.console;

import java.time.Instant;

/**
 * The console's port for call progress at agents' endpoints: the gateway wires the AMI call tracker to it, tests
 * and the benchmark drive it directly. The console never sees AMI types.
 *
 * <p>Thread contract: any thread may call, concurrently; every method returns at once (it only schedules work on
 * the console's own context), so it is safe to call from the AMI reader or tracker thread. Repeated and reordered
 * calls are tolerated: one pop per (call, agent), and a call that has ended stays ended.
 */
public interface AgentCallEvents {

    /** The agent's phone rings for this call: pop the caller's context on that agent's browser only. */
    void offered(CallOffer offer);

    /** The agent answered (bridged with the caller); pops as {@link #offered} would if the ring was not seen. */
    void connected(CallOffer offer);

    /** The call is over (the caller's side hung up): its pops are marked ended. */
    void ended(String linkedid, Instant at);
}
