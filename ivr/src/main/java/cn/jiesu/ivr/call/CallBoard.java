package cn.jiesu.ivr.call;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A read-only picture of the hotline at {@code asOf}: active inbound calls and per-queue waiting. The tracker
 * publishes a new one at most every {@link TrackerSettings#publishInterval()}; any thread may read it.
 *
 * @param queues one entry per configured queue, including empty ones
 */
public record CallBoard(Instant asOf, List<ActiveCall> calls, Map<String, QueueWait> queues) {
    public CallBoard {
        calls = List.copyOf(calls);
        queues = Map.copyOf(queues);
    }

    /** The board of the inbound calls among {@code tracked}; on the tracker's thread. */
    static CallBoard of(Instant now, Collection<TrackedCall> tracked, TrackerSettings settings) {
        List<ActiveCall> active = new ArrayList<>();
        Map<String, Integer> waiting = new HashMap<>();
        Map<String, Instant> oldest = new HashMap<>();
        for (TrackedCall c : tracked) {
            if (!c.inbound) {
                continue;
            }
            ActiveCall a = c.toActive(settings);
            active.add(a);
            if (a.waitingSince() != null && a.queue() != null) {
                waiting.merge(a.queue(), 1, Integer::sum);
                oldest.merge(a.queue(), a.waitingSince(), (x, y) -> x.isBefore(y) ? x : y);
            }
        }
        Map<String, QueueWait> queues = new HashMap<>();
        for (String q : settings.queues()) {
            queues.put(q, new QueueWait(q, waiting.getOrDefault(q, 0), oldest.get(q)));
        }
        return new CallBoard(now, active, queues);
    }

    public static CallBoard empty(Instant at) {
        return new CallBoard(at, List.of(), Map.of());
    }

    public Optional<ActiveCall> call(String linkedid) {
        return calls.stream().filter(c -> c.linkedid().equals(linkedid)).findFirst();
    }

    public long count(CallState state) {
        return calls.stream().filter(c -> c.state() == state).count();
    }
}
