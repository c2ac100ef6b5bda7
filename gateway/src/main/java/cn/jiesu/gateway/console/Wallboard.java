package cn.jiesu.gateway.console;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.search.Search;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The supervisor wallboard, read from the same Micrometer registry /metrics scrapes (by meter name, see
 * {@link WallboardMeters}), so the wall and Prometheus never disagree. A meter that is not registered shows as
 * {@code null} ("not available"), never as 0.
 *
 * <p>Today's appeals: counters count since the gateway started, so the wallboard keeps each counter's value at the
 * first read of a Beijing day and shows the increase since ({@code appealsSince} says from when); today's queue
 * service (answered, abandoned, service level, average answer wait) is kept the same way. Not thread-safe:
 * called on the console's context only.
 */
final class Wallboard {
    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final List<String> RATES = List.of("response", "resolution", "satisfaction");

    private final MeterRegistry registry;
    private final WallboardMeters names;
    private final AgentStates agents;
    private final Clock clock;
    private final Instant started;
    private LocalDate day;
    private Instant daySince;
    private final Map<String, Double> baseline = new HashMap<>();

    Wallboard(MeterRegistry registry, WallboardMeters names, AgentStates agents, Clock clock) {
        this.registry = registry;
        this.names = names;
        this.agents = agents;
        this.clock = clock;
        this.started = clock.instant();
    }

    JsonObject snapshot() {
        Instant now = clock.instant();
        rollDay(now);
        JsonArray queues = new JsonArray();
        Map<String, Double> waiting =
                byTag(Search.in(registry).name(names.queueWaiting()).gauges(), "queue");
        Map<String, Double> longest =
                byTag(Search.in(registry).name(names.queueLongestWait()).gauges(), "queue");
        double maxWait = 0;
        for (String q : new TreeMap<>(waiting).keySet()) {
            double w = longest.getOrDefault(q, 0.0);
            maxWait = Math.max(maxWait, w);
            queues.add(new JsonObject()
                    .put("queue", q)
                    .put("waiting", waiting.get(q).intValue())
                    .put("longestWaitS", (long) w)
                    .put("emergency", q.equals(names.emergencyQueue())));
        }
        JsonObject agentCounts = new JsonObject();
        byTag(Search.in(registry).name("console.agents").gauges(), "state")
                .forEach((s, n) -> agentCounts.put(s.toUpperCase(Locale.ROOT), n.intValue()));
        JsonArray agentList = new JsonArray();
        agents.snapshot()
                .values()
                .forEach(s -> agentList.add(new JsonObject()
                        .put("ext", s.ext())
                        .put("state", agents.shown(s).name())
                        .put("since", s.since().toString())));
        return new JsonObject()
                .put("at", now.toString())
                .put("callsInIvr", gauge(names.callsInIvr()))
                .put("queues", waiting.isEmpty() ? null : queues)
                .put("longestWaitS", waiting.isEmpty() ? null : (long) maxWait)
                .put("agents", agentCounts)
                .put("queueAgents", queueAgents())
                .put("queueToday", queueToday())
                .put("agentList", agentList)
                .put("callbacksDue", gauge(names.callbacksDue()))
                .put("callbacksAtRisk", gauge(names.callbacksAtRisk()))
                .put("triageReview", gauge(names.triageReview()))
                .put("appealsSince", daySince.toString())
                .put(
                        "appealsByChannel",
                        today(
                                "channel",
                                Search.in(registry)
                                        .name(names.appeals())
                                        .tag("result", "new")
                                        .counters(),
                                "channel"))
                .put(
                        "appealsByTier",
                        today(
                                "tier",
                                Search.in(registry)
                                        .name(names.appealsByTier())
                                        .tagKeys("urgency")
                                        .counters(),
                                "urgency"))
                .put("rates", rates("day"))
                .put("ratesMonth", rates("month"));
    }

    private void rollDay(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, BEIJING);
        if (today.equals(day)) {
            return;
        }
        boolean first = day == null && LocalDate.ofInstant(started, BEIJING).equals(today);
        day = today;
        baseline.clear();
        if (first) {
            // Started today: the counters began at zero after midnight, so everything they hold is today's.
            daySince = started;
            return;
        }
        daySince = now;
        snapshotBaseline(
                "channel",
                Search.in(registry).name(names.appeals()).tag("result", "new").counters(),
                "channel");
        snapshotBaseline(
                "tier",
                Search.in(registry)
                        .name(names.appealsByTier())
                        .tagKeys("urgency")
                        .counters(),
                "urgency");
        Map<String, Double> q = queueTotals();
        if (q != null) {
            q.forEach((k, v) -> baseline.put("queue|" + k, v));
        }
    }

    /** Cumulative queue counts since start: answered, answered in time, abandoned, waits; null if unregistered. */
    private Map<String, Double> queueTotals() {
        Collection<Counter> answered =
                Search.in(registry).name(names.queueAnswered()).counters();
        Collection<Counter> abandoned =
                Search.in(registry).name(names.queueAbandoned()).counters();
        Collection<Timer> waits =
                Search.in(registry).name(names.queueAnswerWait()).timers();
        if (answered.isEmpty() || abandoned.isEmpty() || waits.isEmpty()) {
            return null;
        }
        Map<String, Double> out = new HashMap<>();
        answered.forEach(c -> {
            out.merge("answered", c.count(), Double::sum);
            if ("true".equals(c.getId().getTag("within_sl"))) {
                out.merge("inTime", c.count(), Double::sum);
            }
        });
        out.putIfAbsent("inTime", 0.0);
        abandoned.forEach(c -> out.merge("abandoned", c.count(), Double::sum));
        waits.forEach(t -> {
            out.merge("waits", (double) t.count(), Double::sum);
            out.merge("waitS", t.totalTime(TimeUnit.SECONDS), Double::sum);
        });
        return out;
    }

    /**
     * Today's queue service: calls answered and abandoned, the service level (answered within 15 s / answered +
     * abandoned) and the average answer wait; the last two null while there were no such calls today.
     */
    private JsonObject queueToday() {
        Map<String, Double> totals = queueTotals();
        if (totals == null) {
            return null;
        }
        Map<String, Double> d = new HashMap<>();
        totals.forEach((k, v) -> d.put(k, Math.max(0, v - baseline.getOrDefault("queue|" + k, 0.0))));
        double answered = d.get("answered");
        double offered = answered + d.get("abandoned");
        double waits = d.get("waits");
        return new JsonObject()
                .put("answered", (long) answered)
                .put("answeredInTime", d.get("inTime").longValue())
                .put("abandoned", d.get("abandoned").longValue())
                .put("serviceLevel", offered == 0 ? null : d.get("inTime") / offered)
                .put("avgAnswerS", waits == 0 ? null : d.get("waitS") / waits);
    }

    /** Agents by state as Asterisk sees them (queue-member state), null when the tracker's gauge is missing. */
    private JsonObject queueAgents() {
        Map<String, Double> states =
                byTag(Search.in(registry).name(names.queueAgents()).gauges(), "state");
        if (states.isEmpty()) {
            return null;
        }
        JsonObject out = new JsonObject();
        states.forEach((s, n) -> out.put(s, n.intValue()));
        return out;
    }

    private void snapshotBaseline(String family, Collection<Counter> counters, String tag) {
        counters.forEach(c -> baseline.merge(family + "|" + c.getId().getTag(tag), c.count(), Double::sum));
    }

    private JsonObject today(String family, Collection<Counter> counters, String tag) {
        if (counters.isEmpty()) {
            return null;
        }
        Map<String, Double> sums = new TreeMap<>();
        counters.forEach(c -> sums.merge(String.valueOf(c.getId().getTag(tag)), c.count(), Double::sum));
        JsonObject out = new JsonObject();
        sums.forEach((k, v) -> out.put(k, (long) Math.max(0, v - baseline.getOrDefault(family + "|" + k, 0.0))));
        return out;
    }

    /**
     * The 三率 of {@code period} (day, month) from the {@code <rates>.response|resolution|satisfaction{period}}
     * gauges. A rate without a denominator has no gauge (see RateGauges) and shows as null; no rate at all yet is
     * null as a whole.
     */
    private JsonObject rates(String period) {
        JsonObject out = new JsonObject();
        for (String rate : RATES) {
            Gauge g = Search.in(registry)
                    .name(names.rates() + "." + rate)
                    .tag("period", period)
                    .gauge();
            if (g != null) {
                out.put(rate, g.value());
            }
        }
        return out.isEmpty() ? null : out;
    }

    private Double gauge(String name) {
        Collection<Gauge> gauges = Search.in(registry).name(name).gauges();
        return gauges.isEmpty()
                ? null
                : gauges.stream().mapToDouble(Gauge::value).sum();
    }

    private static Map<String, Double> byTag(Collection<? extends Meter> meters, String tag) {
        Map<String, Double> out = new TreeMap<>();
        for (Meter m : meters) {
            String v = m.getId().getTag(tag);
            if (v != null && m instanceof Gauge g) {
                out.merge(v, g.value(), Double::sum);
            }
        }
        return out;
    }
}
