package cn.jiesu.core.callback;

import java.util.Map;

/**
 * Free agents per queue, from the call tracker: an agent-first callback is only claimed while its queue has a free
 * agent that no other running agent-first attempt has reserved. Queues missing from the snapshot are not limited.
 * Thread-safe and cheap (an in-memory read).
 */
@FunctionalInterface
public interface AgentAvailability {
    /** Free (logged in, not paused, not on a call) agents per queue name, now. */
    Map<String, Integer> freeAgents();

    /** No agent information: agent-first callbacks are limited by trunks only. */
    static AgentAvailability unlimited() {
        return Map::of;
    }
}
