package cn.jiesu.core.hotspot;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link HotspotStore} in memory, for tests and the simulator: the same operations as the Redis store will be,
 * thread-safe, so several detectors can share one.
 */
public final class InMemoryHotspotStore implements HotspotStore {
    private static final Duration REMEMBER = Duration.ofHours(24);

    private final Map<HotspotKey, Ring[]> counts = new ConcurrentHashMap<>();
    private final Duration countsKept;
    private final Map<HotspotKey, Deque<HotspotMember>> recent = new ConcurrentHashMap<>();
    private final Map<HotspotKey, OpenHotspot> open = new ConcurrentHashMap<>();
    private final Map<HotspotKey, LinkedHashSet<HotspotMember>> members = new ConcurrentHashMap<>();
    private final Map<HotspotKey, List<HotspotMember>> closed = new ConcurrentHashMap<>();

    /** Every resolution's counts for its whole retention (the simulator, tests). */
    public InMemoryHotspotStore() {
        this(null);
    }

    /**
     * Counts kept at most {@code countsKept} back at each resolution (older slots read 0): the detecting instance's
     * live windows, whose older counts are read from Redis. Rings are made on a key's first count at a resolution,
     * so a key counted hourly only holds no 5-minute ring.
     */
    public InMemoryHotspotStore(Duration countsKept) {
        this.countsKept = countsKept;
    }

    @Override
    public void add(HotspotKey key, Resolution resolution, long slot, long n) {
        Ring[] rings = counts.computeIfAbsent(key, k -> new Ring[Resolution.values().length]);
        Ring ring;
        synchronized (rings) {
            ring = rings[resolution.ordinal()];
            if (ring == null) {
                ring = new Ring(capacity(resolution));
                rings[resolution.ordinal()] = ring;
            }
        }
        synchronized (ring) {
            ring.add(slot, n);
        }
    }

    private int capacity(Resolution r) {
        Duration kept = countsKept == null || countsKept.compareTo(r.retention()) > 0 ? r.retention() : countsKept;
        return (int) Math.max(1, (kept.toMillis() + r.millis() - 1) / r.millis());
    }

    @Override
    public long[] counts(HotspotKey key, Resolution resolution, long fromSlot, int n) {
        long[] out = new long[n];
        Ring[] rings = counts.get(key);
        Ring ring = null;
        if (rings != null) {
            synchronized (rings) {
                ring = rings[resolution.ordinal()];
            }
        }
        if (ring != null) {
            synchronized (ring) {
                for (int i = 0; i < n; i++) {
                    out[i] = ring.get(fromSlot + i);
                }
            }
        }
        return out;
    }

    /**
     * One key's counts at one resolution for its retention: a slot's cell is reused once the slot is older than
     * the retention, which is the in-memory form of Redis's expiry (and keeps a month's simulation small and fast).
     */
    private static final class Ring {
        private final long[] slots;
        private final long[] counts;

        Ring(int capacity) {
            slots = new long[capacity];
            counts = new long[capacity];
            Arrays.fill(slots, Long.MIN_VALUE);
        }

        void add(long slot, long n) {
            int i = (int) Math.floorMod(slot, (long) slots.length);
            if (slots[i] != slot) {
                if (slots[i] > slot) {
                    return; // older than the retention: already expired
                }
                slots[i] = slot;
                counts[i] = 0;
            }
            counts[i] += n;
        }

        long get(long slot) {
            int i = (int) Math.floorMod(slot, (long) slots.length);
            return slots[i] == slot ? counts[i] : 0;
        }
    }

    @Override
    public void remember(HotspotKey key, String appealId, Instant at) {
        Deque<HotspotMember> q = recent.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (q) {
            q.addLast(new HotspotMember(appealId, at));
            Instant cutoff = at.minus(REMEMBER);
            while (!q.isEmpty() && q.peekFirst().at().isBefore(cutoff)) {
                q.removeFirst();
            }
        }
    }

    @Override
    public List<HotspotMember> recent(HotspotKey key, Instant from) {
        Deque<HotspotMember> q = recent.get(key);
        if (q == null) {
            return List.of();
        }
        synchronized (q) {
            return q.stream().filter(m -> !m.at().isBefore(from)).toList();
        }
    }

    @Override
    public boolean open(OpenHotspot hotspot, List<HotspotMember> initial) {
        if (open.putIfAbsent(hotspot.key(), hotspot) != null) {
            return false;
        }
        members.put(hotspot.key(), new LinkedHashSet<>(initial));
        return true;
    }

    @Override
    public Optional<OpenHotspot> find(HotspotKey key) {
        return Optional.ofNullable(open.get(key));
    }

    @Override
    public void join(HotspotKey key, HotspotMember member) {
        LinkedHashSet<HotspotMember> set = members.get(key);
        if (set != null) {
            synchronized (set) {
                set.add(member);
            }
        }
    }

    @Override
    public List<HotspotMember> members(HotspotKey key) {
        LinkedHashSet<HotspotMember> set = members.get(key);
        if (set == null) {
            return List.of();
        }
        synchronized (set) {
            return new ArrayList<>(set);
        }
    }

    @Override
    public boolean close(OpenHotspot hotspot, Instant closedAt) {
        if (!open.remove(hotspot.key(), hotspot)) {
            return false;
        }
        // Only the last closed hotspot's appeals are kept: an older one's are beyond the 24 h window anyway
        // unless the key closed twice in a day, when counting its appeals again is the lesser evil.
        closed.put(hotspot.key(), members(hotspot.key()));
        return true;
    }

    @Override
    public List<HotspotMember> closedMembers(HotspotKey key, Instant from) {
        List<HotspotMember> list = closed.get(key);
        return list == null
                ? List.of()
                : list.stream().filter(m -> !m.at().isBefore(from)).toList();
    }

    @Override
    public List<OpenHotspot> openHotspots() {
        return List.copyOf(open.values());
    }
}
