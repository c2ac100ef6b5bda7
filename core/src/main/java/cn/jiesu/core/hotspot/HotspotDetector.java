package cn.jiesu.core.hotspot;

import cn.jiesu.core.hotspot.HotspotEvent.HotspotClosed;
import cn.jiesu.core.hotspot.HotspotEvent.HotspotGrew;
import cn.jiesu.core.hotspot.HotspotEvent.HotspotOpened;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds live hotspots (未诉先办): counts every appeal per (topic, street) and (topic, district), tests the 15 min,
 * 1 h and 24 h windows ending at the appeal against the hour-of-week baseline, opens a hotspot when a window
 * is improbably high, lets later appeals of the key join it, and closes it on {@link #tick()} once the key's rate
 * has been back to normal for the window's hold time.
 *
 * <p>All state is in the {@link HotspotStore}, so any number of detectors (one per gateway instance, each reading
 * its share of the intake stream) can share one store. Each instance holds only a cache of the baseline. Results
 * depend only on the appeals, the store and the clock. Not thread-safe: one detector per consumer thread.
 */
public final class HotspotDetector {
    /** The most slots any window reads at each resolution. */
    private static final Map<Resolution, Integer> LONGEST = new EnumMap<>(Resolution.class);

    static {
        for (Window w : Window.values()) {
            LONGEST.merge(w.resolution(), w.slots(), Math::max);
        }
    }

    /*
     * Each count is a write to the shared store (on Redis, most of the detector's cost), so a key is counted only at
     * the resolutions something reads: windows are tested on street and district keys of a topic (5 min buckets,
     * hours); the baseline reads hours of those keys and of the city's per topic, the city's hourly total (which past
     * weeks have history) and the daily totals of the city and of each place (the place's share of appeals).
     */
    private static final Resolution[] TESTED = {Resolution.BUCKET, Resolution.HOUR};
    private static final Resolution[] CITY_TOPIC = {Resolution.HOUR};
    private static final Resolution[] CITY_TOTAL = {Resolution.HOUR, Resolution.DAY};
    private static final Resolution[] PLACE_TOTAL = {Resolution.DAY};

    private final HotspotStore store;
    private final HotspotPolicy policy;
    private final Clock clock;
    private final Baseline baseline;
    private long untested;

    public HotspotDetector(HotspotStore store, HotspotPolicy policy, Clock clock) {
        this.store = store;
        this.policy = policy;
        this.clock = clock;
        this.baseline = new Baseline(store, policy);
    }

    /** Counts the appeal and returns what it opened or grew. Appeals without topic or district are only counted city-wide. */
    public List<HotspotEvent> observe(HotspotAppeal appeal) {
        return observe(appeal, true);
    }

    /**
     * Counts the appeal for the baseline without testing any window: for history, appeals older than every window
     * (a consumer group created on a stream that already holds weeks of appeals), whose bursts are long over and
     * must not open hotspots now.
     */
    public void count(HotspotAppeal appeal) {
        observe(appeal, false);
    }

    /**
     * Counts again an appeal observed before, to rebuild a store's live windows from a log of observed appeals: the
     * same counts as when it was observed, and for a {@code live} one the same remembered appeals (what a hotspot
     * opening later lists), but no test and no event: what it opened or grew then is in the store already.
     */
    public void recount(HotspotAppeal appeal, boolean live) {
        observe(appeal, false);
        if (!live) {
            return;
        }
        Instant at = appeal.acknowledged().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        for (String topic : appeal.topics()) {
            if (appeal.street() != null) {
                store.remember(HotspotKey.street(topic, appeal.district(), appeal.street()), appeal.appealId(), at);
            }
            if (appeal.district() != null) {
                store.remember(HotspotKey.district(topic, appeal.district()), appeal.appealId(), at);
            }
        }
    }

    private List<HotspotEvent> observe(HotspotAppeal appeal, boolean test) {
        Instant at = appeal.acknowledged();
        count(HotspotKey.city(HotspotKey.ALL_TOPICS), at, CITY_TOTAL);
        if (appeal.district() != null) {
            count(HotspotKey.district(HotspotKey.ALL_TOPICS, appeal.district()), at, PLACE_TOTAL);
        }
        if (appeal.street() != null) {
            count(HotspotKey.street(HotspotKey.ALL_TOPICS, appeal.district(), appeal.street()), at, PLACE_TOTAL);
        }
        List<HotspotEvent> events = new ArrayList<>(0);
        for (String topic : appeal.topics()) {
            count(HotspotKey.city(topic), at, CITY_TOPIC);
            if (appeal.street() != null) {
                HotspotKey street = HotspotKey.street(topic, appeal.district(), appeal.street());
                count(street, at, TESTED);
                if (test) {
                    test(street, appeal, events);
                }
            }
            if (appeal.district() != null) {
                HotspotKey district = HotspotKey.district(topic, appeal.district());
                count(district, at, TESTED);
                if (test) {
                    test(district, appeal, events);
                }
            }
        }
        return events;
    }

    /**
     * Before observing a batch: lets the store fetch at once the windows its appeals will test (a remote store
     * would otherwise read each tested key's windows when its appeal comes).
     */
    public void prefetch(List<HotspotAppeal> appeals) {
        List<HotspotStore.SlotRange> ranges = new ArrayList<>();
        for (HotspotAppeal appeal : appeals) {
            for (String topic : appeal.topics()) {
                if (appeal.street() != null) {
                    ranges(HotspotKey.street(topic, appeal.district(), appeal.street()), appeal.acknowledged(), ranges);
                }
                if (appeal.district() != null) {
                    ranges(HotspotKey.district(topic, appeal.district()), appeal.acknowledged(), ranges);
                }
            }
        }
        if (!ranges.isEmpty()) {
            store.prefetch(ranges);
        }
    }

    private static void ranges(HotspotKey key, Instant at, List<HotspotStore.SlotRange> out) {
        for (Map.Entry<Resolution, Integer> e : LONGEST.entrySet()) {
            long slot = e.getKey().slot(at);
            out.add(new HotspotStore.SlotRange(key, e.getKey(), slot - e.getValue() + 1, slot));
        }
    }

    /** Closes the open hotspots whose key has been back to normal for their hold time. */
    public List<HotspotEvent> tick() {
        // Milliseconds, as the board keeps it: the closed event and GET /api/v1/hotspots say the same instant.
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        List<HotspotEvent> events = new ArrayList<>(0);
        for (OpenHotspot open : store.openHotspots()) {
            if (backToNormal(open, now)) {
                // Read before closing: the Redis store moves a closed hotspot's appeals away from the key.
                List<HotspotMember> members = store.members(open.key());
                if (store.close(open, now)) {
                    events.add(new HotspotClosed(Hotspot.of(open, members), now));
                }
            }
        }
        return events;
    }

    /**
     * Window tests skipped so far because the city had no appeals in that hour of the week in any of the baseline's
     * past weeks (a fresh deployment without imported history): each had enough appeals to be tested at all.
     */
    public long untestedForLackOfHistory() {
        return untested;
    }

    /** The open hotspot on a key with its appeals, if any. */
    public Optional<Hotspot> hotspot(HotspotKey key) {
        return store.find(key).map(open -> Hotspot.of(open, store.members(key)));
    }

    private void count(HotspotKey key, Instant at, Resolution[] resolutions) {
        for (Resolution r : resolutions) {
            store.add(key, r, r.slot(at), 1);
        }
    }

    private void test(HotspotKey key, HotspotAppeal appeal, List<HotspotEvent> events) {
        // Milliseconds, as Redis keeps a member's time: the opened event, later events and the API say one instant.
        HotspotMember member = new HotspotMember(
                appeal.appealId(), appeal.acknowledged().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        store.remember(key, member.appealId(), member.at());
        Optional<OpenHotspot> open = store.find(key);
        if (open.isPresent()) {
            store.join(key, member);
            events.add(new HotspotGrew(Hotspot.of(open.get(), store.members(key)), member.appealId()));
            return;
        }
        // One read per resolution, shared by its windows (the 15 min window is the end of the 1 h one's buckets):
        // a store that reads remotely (or refreshes a cached page) makes one request per read.
        Map<Resolution, long[]> read = new EnumMap<>(Resolution.class);
        for (Window window : Window.values()) {
            long observed = observed(read, key, window, member.at());
            // Cheap exits first: most appeals are the only one of their key in the window.
            if (observed < policy.minCount(key.level())) {
                continue;
            }
            // Appeals of a hotspot that already closed on this key do not open another: without this, a water
            // main break's 40 appeals reopen its street on the 24 h window as soon as the 15 min hotspot closes.
            Resolution r = window.resolution();
            Instant windowStart = r.start(r.slot(member.at()) - window.slots() + 1);
            observed -= store.closedMembers(key, windowStart).size();
            if (observed < policy.minCount(key.level())) {
                continue;
            }
            double expected = baseline.expected(key, window.resolution(), window.slots(), member.at());
            if (Double.isNaN(expected)) {
                untested++;
                continue;
            }
            if (observed < policy.minRatio() * expected) {
                continue;
            }
            double p = Tail.upper(observed, expected, policy.size());
            if (p < policy.alpha()) {
                open(key, window, member, observed, expected, p, events);
                return;
            }
        }
    }

    private void open(
            HotspotKey key,
            Window window,
            HotspotMember member,
            long observed,
            double expected,
            double p,
            List<HotspotEvent> events) {
        Resolution r = window.resolution();
        Instant windowStart = r.start(r.slot(member.at()) - window.slots() + 1);
        // The id is made of the key and the opening appeal, so two instances racing to open agree on it.
        OpenHotspot hotspot =
                new OpenHotspot(key.id() + "@" + member.appealId(), key, window, member.at(), observed, expected, p);
        List<HotspotMember> done = store.closedMembers(key, windowStart);
        List<HotspotMember> members = store.recent(key, windowStart).stream()
                .filter(m -> !done.contains(m))
                .toList();
        if (store.open(hotspot, members)) {
            events.add(new HotspotOpened(Hotspot.of(hotspot, members)));
        } else {
            OpenHotspot winner = store.find(key).orElseThrow();
            store.join(key, member);
            events.add(new HotspotGrew(Hotspot.of(winner, store.members(key)), member.appealId()));
        }
    }

    private boolean backToNormal(OpenHotspot open, Instant now) {
        if (now.isBefore(open.openedAt().plus(open.window().hold()))) {
            return false;
        }
        Resolution r = open.window().resolution();
        int n = open.window().holdSlots();
        long observed = observed(open.key(), r, n, now);
        double expected = baseline.expected(open.key(), r, n, now);
        return Double.isNaN(expected) || Tail.upper(observed, expected, policy.size()) >= policy.closeAlpha();
    }

    /** The window's count, from the longest window's read of its resolution (made on first use). */
    private long observed(Map<Resolution, long[]> read, HotspotKey key, Window window, Instant at) {
        long[] counts = read.computeIfAbsent(window.resolution(), r -> {
            int n = LONGEST.get(r);
            return store.counts(key, r, r.slot(at) - n + 1, n);
        });
        long s = 0;
        for (int i = counts.length - window.slots(); i < counts.length; i++) {
            s += counts[i];
        }
        return s;
    }

    private long observed(HotspotKey key, Resolution r, int slots, Instant at) {
        return sum(store.counts(key, r, r.slot(at) - slots + 1, slots));
    }

    private static long sum(long[] counts) {
        long s = 0;
        for (long c : counts) {
            s += c;
        }
        return s;
    }
}
