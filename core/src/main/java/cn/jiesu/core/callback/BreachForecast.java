package cn.jiesu.core.callback;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Pre-breach detection: which open callbacks cannot be placed by their {@code placeBy} given the backlog ahead of
 * them and the trunk capacity, computed before the deadline passes.
 *
 * <p>The forecast replays earliest-deadline-first on {@code trunks} servers: in EDF order each callback starts at
 * the later of its notBefore and the earliest free trunk (moved to the next window opening unless an emergency)
 * and then holds that trunk for the typical call duration. Trunks busy now are assumed free after half a typical
 * call. A callback whose forecast start is after its placeBy is at risk. It is an estimate: it ignores future
 * retries and the competition for trunks after a window reopens, and serves callbacks strictly in EDF order.
 * Pure, thread-safe.
 */
public final class BreachForecast {
    private static final Comparator<Item> EDF = Comparator.comparing(Item::placeBy)
            .thenComparing(i -> !i.emergency())
            .thenComparing(Item::notBefore)
            .thenComparing(Item::callbackId);

    /** What the forecast needs of one open callback. */
    public record Item(String callbackId, Instant notBefore, Instant placeBy, boolean emergency) {}

    /** One forecast: the callbacks at risk, with the start the forecast gave each. */
    public record Risk(Item item, Instant forecastStart) {}

    private final CallingWindow window;
    private final int trunks;
    private final Duration callDuration;

    public BreachForecast(CallingWindow window, int trunks, Duration callDuration) {
        if (trunks < 1) {
            throw new IllegalArgumentException("trunks: must be positive");
        }
        this.window = window;
        this.trunks = trunks;
        this.callDuration = callDuration;
    }

    /**
     * @param backlog    open callbacks that are not being dialed (any order)
     * @param busyTrunks trunks in use at {@code now}
     */
    public List<Risk> atRisk(List<Item> backlog, Instant now, int busyTrunks) {
        List<Item> ordered = new ArrayList<>(backlog);
        ordered.sort(EDF);
        PriorityQueue<Instant> free = new PriorityQueue<>(trunks);
        Instant halfCall = now.plus(callDuration.dividedBy(2));
        for (int i = 0; i < trunks; i++) {
            free.add(i < busyTrunks ? halfCall : now);
        }
        List<Risk> out = new ArrayList<>();
        for (Item item : ordered) {
            Instant trunk = free.poll();
            Instant start = later(later(trunk, item.notBefore()), now);
            Instant opened = item.emergency() ? start : window.nextOpen(start);
            if (opened.isAfter(item.placeBy())) {
                out.add(new Risk(item, opened));
            }
            // A callback pushed to the next window opening does not hold tonight's trunk.
            free.add(opened.equals(start) ? start.plus(callDuration) : trunk);
        }
        return out;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
