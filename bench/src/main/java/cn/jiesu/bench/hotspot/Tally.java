package cn.jiesu.bench.hotspot;

import cn.jiesu.core.hotspot.Hotspot;
import cn.jiesu.core.hotspot.HotspotAppeal;
import cn.jiesu.core.hotspot.HotspotPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Counts what the simulation saw: each incident's first hotspot and its delay, and the false hotspots. */
final class Tally {
    private record Found(Instant at, int appeals, String key, String window) {}

    private final List<Incident> incidents;
    private final Map<Integer, Integer> seen = new HashMap<>();
    private final Map<Integer, Found> found = new HashMap<>();
    private final List<String> falses = new ArrayList<>();
    private final Map<String, Integer> incidentOf = new HashMap<>();
    private final List<String> closes = new ArrayList<>();
    private final List<Long> falseMinutes = new ArrayList<>();

    Tally(List<Incident> incidents) {
        this.incidents = incidents;
    }

    void seen(HotspotAppeal a) {
        if (a.appealId().startsWith("I")) {
            seen.merge(no(a.appealId()), 1, Integer::sum);
        }
    }

    void opened(Hotspot h, Instant at) {
        for (Incident i : incidents) {
            String prefix = "I" + i.no() + "-";
            if (i.matches(h.opened().key()) && h.appealIds().stream().anyMatch(id -> id.startsWith(prefix))) {
                incidentOf.put(h.opened().id(), i.no());
                found.putIfAbsent(
                        i.no(),
                        new Found(
                                at,
                                seen.getOrDefault(i.no(), 0),
                                h.opened().key().id(),
                                h.opened().window().name()));
                return;
            }
        }
        falses.add(h.opened().key().id() + " " + h.opened().window() + " at " + at + " observed "
                + h.opened().observed() + " expected "
                + String.format("%.2f", h.opened().expected()));
    }

    /** An incident's hotspot: how long it stayed open and how many of the incident's appeals it listed. */
    void closed(Hotspot h, Instant at) {
        long minutes = Duration.between(h.opened().openedAt(), at).toMinutes();
        Integer no = incidentOf.get(h.opened().id());
        if (no == null) {
            falseMinutes.add(minutes);
            return;
        }
        String prefix = "I" + no + "-";
        long own = h.appealIds().stream().filter(id -> id.startsWith(prefix)).count();
        closes.add(String.format(
                "incident %d hotspot %s closed after %d min: %d appeals, %d of the incident's %d",
                no,
                h.opened().key().id(),
                minutes,
                h.count(),
                own,
                incidents.get(no - 1).appeals().size()));
    }

    void report(long seed, int days, boolean withIncidents, HotspotPolicy p, long appeals, long nanos) {
        System.out.printf(
                "policy alpha=%.1e minStreet=%d minDistrict=%d minRatio=%.1f size=%.0f%n",
                p.alpha(), p.minStreet(), p.minDistrict(), p.minRatio(), p.size());
        for (Incident i : incidents) {
            if (i.appeals().isEmpty()) {
                continue; // a run too short for it (the slow noise problem needs 3 days)
            }
            Found f = found.get(i.no());
            Instant first = i.appeals().get(0).acknowledged();
            if (f == null) {
                System.out.printf(
                        "incident %d %s (%d appeals): NOT FOUND%n",
                        i.no(), i.name(), i.appeals().size());
            } else {
                System.out.printf(
                        "incident %d %s (%d appeals): found by appeal %d after %.1f min by %s %s%n",
                        i.no(),
                        i.name(),
                        i.appeals().size(),
                        f.appeals(),
                        Duration.between(first, f.at()).toSeconds() / 60.0,
                        f.key(),
                        f.window());
            }
        }
        closes.forEach(System.out::println);
        falses.stream().limit(20).forEach(s -> System.out.println("false " + s));
        falseMinutes.sort(null);
        if (!falseMinutes.isEmpty()) {
            System.out.printf(
                    "false hotspots closed: %d, open minutes median %d, max %d%n",
                    falseMinutes.size(), falseMinutes.get(falseMinutes.size() / 2), falseMinutes.getLast());
        }
        System.out.printf(
                "RESULT seed=%d days=%d incidents=%s appeals=%d false=%d false_per_day=%.2f ns_per_appeal=%.0f%n",
                seed,
                days,
                withIncidents,
                appeals,
                falses.size(),
                falses.size() / (double) days,
                nanos / (double) appeals);
    }

    private static int no(String id) {
        return Integer.parseInt(id.substring(1, id.indexOf('-')));
    }
}
