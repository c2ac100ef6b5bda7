package cn.jiesu.ivr.call;

/**
 * Told when a call is offered to or connected with an agent. Called on the tracker's thread, once per agent and
 * kind per call: implementations must return quickly and hand real work (WebSocket pushes) to their own threads.
 * An exception is logged and does not stop the tracker.
 */
@FunctionalInterface
public interface AgentCallListener {
    void onAgentCall(AgentCall call);
}
