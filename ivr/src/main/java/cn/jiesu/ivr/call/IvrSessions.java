package cn.jiesu.ivr.call;

import cn.jiesu.core.intake.Urgency;
import cn.jiesu.ivr.dialplan.DialplanVariables;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The IVR's variables as the channels of one call carried them, grouped into IVR sessions, and what they add up to
 * for the call. Which channel runs the IVR depends on how the call arrived (the SIP channel itself, the ;2 half of a
 * Local channel, a second channel after a transfer), so every channel of the Linkedid counts; a channel may also
 * run the IVR twice (an agent's blind transfer back into it), each run starting with an AGI step.
 *
 * <p>A value belongs to the session running on its channel when the event happened (AMI timestamps), so events in
 * any order and any number of times give the same result. Every AMI event repeats its channel's variables
 * ({@code channelvars}): after a second AGI step those still show the first session's values until the IVR sets new
 * ones, so a session does not take over a repeated value its channel's previous session had, unless a VarSet says
 * the IVR set it again. Confined to the tracker's thread.
 */
final class IvrSessions {
    private record Fact(Instant at, long seq, String name, String value, boolean explicit) {}

    /** One IVR session: its channel, when it started and the variables it set. */
    record Session(String uniqueid, Instant start, boolean ranAgi, Map<String, String> vars) {}

    private static final Comparator<Fact> ORDER = Comparator.comparing(Fact::at).thenComparingLong(Fact::seq);

    private final Map<String, List<Fact>> facts = new LinkedHashMap<>();
    private final Map<String, TreeSet<Instant>> starts = new HashMap<>();
    /** Per channel, the last value stored of each variable: repeats of it are not stored again. */
    private final Map<String, Map<String, String>> latest = new HashMap<>();

    private final List<Fact> dialled = new ArrayList<>();
    private long seq;
    private Map<String, String> combined;
    private List<Session> sessions;

    /** The IVR's AGI started on channel {@code uniqueid} at {@code at}. */
    void started(String uniqueid, Instant at) {
        if (starts.computeIfAbsent(uniqueid, k -> new TreeSet<>()).add(at)) {
            stale();
        }
    }

    /**
     * Channel {@code uniqueid} carried {@code name=value} at {@code at}: set by a VarSet ({@code explicit}) or
     * repeated by an event's channel variables.
     */
    void carried(String uniqueid, String name, String value, Instant at, boolean explicit) {
        if (value == null || value.isEmpty() || !DialplanVariables.isTracked(name)) {
            return;
        }
        if (DialplanVariables.DNIS.equals(name)) {
            // The dialplan sets it once and Local channels inherit it: a fact of the call, not of an IVR session.
            if (dialled.stream().noneMatch(f -> f.value().equals(value) && !f.at().isAfter(at))) {
                dialled.add(new Fact(at, seq++, name, value, explicit));
                stale();
            }
            return;
        }
        Map<String, String> last = latest.computeIfAbsent(uniqueid, k -> new HashMap<>());
        if (!explicit && value.equals(last.get(name))) {
            return;
        }
        last.put(name, value);
        facts.computeIfAbsent(uniqueid, k -> new ArrayList<>()).add(new Fact(at, seq++, name, value, explicit));
        stale();
    }

    /** The sessions in the order they started; a channel's values before its first AGI step form one of their own. */
    List<Session> sessions() {
        if (sessions == null) {
            List<Session> all = new ArrayList<>();
            facts.keySet().forEach(uid -> split(uid, all));
            starts.keySet().stream().filter(uid -> !facts.containsKey(uid)).forEach(uid -> split(uid, all));
            all.sort(Comparator.comparing(Session::start));
            sessions = List.copyOf(all);
        }
        return sessions;
    }

    /** The channel that ran the IVR last (or, with no AGI step seen, last carried its choices), or null. */
    String ivrChannel() {
        List<Session> all = sessions();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).ranAgi()) {
                return all.get(i).uniqueid();
            }
        }
        return all.stream()
                .filter(s -> !s.vars().isEmpty())
                .reduce((a, b) -> b)
                .map(Session::uniqueid)
                .orElse(null);
    }

    /**
     * What the sessions add up to, as {@link DialplanVariables}: the path is every session's path in order; urgency and
     * request type come as a pair from the most urgent session (the latest of equals), so an emergency told to the
     * IVR is never lowered by a later run after a transfer; every other variable is the latest session's that set
     * it; {@link DialplanVariables#DNIS} is the number the call carried when it first reached the IVR.
     */
    Map<String, String> vars() {
        if (combined == null) {
            combined = combine();
        }
        return combined;
    }

    private Map<String, String> combine() {
        Map<String, String> out = new HashMap<>();
        List<String> path = new ArrayList<>();
        Session urgent = null;
        for (Session s : sessions()) {
            String p = s.vars().get(DialplanVariables.PATH);
            if (p != null) {
                path.add(p);
            }
            out.putAll(s.vars());
            if (rank(s) >= 0 && (urgent == null || rank(s) <= rank(urgent))) {
                urgent = s;
            }
        }
        out.remove(DialplanVariables.PATH);
        if (!path.isEmpty()) {
            out.put(DialplanVariables.PATH, String.join(",", path));
        }
        if (urgent != null) {
            out.put(DialplanVariables.URGENCY, urgent.vars().get(DialplanVariables.URGENCY));
            String type = urgent.vars().get(DialplanVariables.REQTYPE);
            if (type != null) {
                out.put(DialplanVariables.REQTYPE, type);
            }
        }
        String dnis = dnis();
        if (dnis != null) {
            out.put(DialplanVariables.DNIS, dnis);
        }
        return Map.copyOf(out);
    }

    /** The dialled number in effect when the first AGI step ran (the earliest one seen, without any AGI step). */
    private String dnis() {
        Instant first = starts.values().stream()
                .map(TreeSet::first)
                .min(Comparator.naturalOrder())
                .orElse(null);
        return dialled.stream()
                .filter(f -> first == null || !f.at().isAfter(first))
                .max(first == null ? ORDER.reversed() : ORDER)
                .map(Fact::value)
                .orElse(null);
    }

    /** The urgency's position, most urgent first (EMERGENCY 0), or -1 without a known one. */
    private static int rank(Session s) {
        String u = s.vars().get(DialplanVariables.URGENCY);
        if (u == null) {
            return -1;
        }
        try {
            return Urgency.valueOf(u.trim().toUpperCase(Locale.ROOT)).ordinal();
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    private void split(String uid, List<Session> out) {
        List<Instant> runs = new ArrayList<>(starts.getOrDefault(uid, new TreeSet<>()));
        List<Fact> own = new ArrayList<>(facts.getOrDefault(uid, List.of()));
        own.sort(ORDER);
        List<Map<String, String>> buckets = new ArrayList<>();
        for (int i = 0; i <= runs.size(); i++) {
            buckets.add(new HashMap<>());
        }
        Map<String, String> carriedOver = new HashMap<>();
        int bucket = 0;
        for (Fact f : own) {
            int b = bucketOf(runs, f.at());
            while (bucket < b) {
                carriedOver.putAll(buckets.get(bucket++)); // the channel's values when the next session begins
            }
            Map<String, String> vars = buckets.get(b);
            if (f.explicit() || vars.containsKey(f.name()) || !f.value().equals(carriedOver.get(f.name()))) {
                vars.put(f.name(), f.value());
            }
        }
        if (!buckets.getFirst().isEmpty()) {
            out.add(new Session(uid, own.getFirst().at(), false, Map.copyOf(buckets.getFirst())));
        }
        for (int i = 0; i < runs.size(); i++) {
            out.add(new Session(uid, runs.get(i), true, Map.copyOf(buckets.get(i + 1))));
        }
    }

    /** 0 before the channel's first AGI step, k within its k-th session (a value at the step's instant is in it). */
    private static int bucketOf(List<Instant> runs, Instant at) {
        int b = 0;
        while (b < runs.size() && !at.isBefore(runs.get(b))) {
            b++;
        }
        return b;
    }

    private void stale() {
        combined = null;
        sessions = null;
    }
}
