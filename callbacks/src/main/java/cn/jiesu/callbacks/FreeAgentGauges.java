package cn.jiesu.callbacks;

import cn.jiesu.core.callback.AgentAvailability;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.LinkedHashSet;

/**
 * {@code callbacks.agents.free{queue}}: the agents free for agent-first callbacks in each target queue, as the AMI
 * tracker counts them. Agent-first callbacks wait while it is 0, so this is where an operator sees why; it also
 * stays 0 when the tracker never got a QueueStatus listing (an AMI user without the right to list queues).
 */
public final class FreeAgentGauges {
    private FreeAgentGauges() {}

    public static void register(MeterRegistry registry, AgentAvailability agents, Collection<String> queues) {
        for (String queue : new LinkedHashSet<>(queues)) {
            // strong: the composition root passes a method reference, which a weakly held gauge would lose
            Gauge.builder("callbacks.agents.free", agents, a -> a.freeAgents().getOrDefault(queue, 0))
                    .tag("queue", queue)
                    .strongReference(true)
                    .description("agents free for agent-first callbacks in the queue (AMI queue member state)")
                    .register(registry);
        }
    }
}
