package cn.jiesu.gateway.history;

import cn.jiesu.core.hotspot.HotspotKey;
import cn.jiesu.core.hotspot.HotspotMember;
import cn.jiesu.core.hotspot.HotspotStore;
import cn.jiesu.core.hotspot.OpenHotspot;
import cn.jiesu.core.hotspot.Resolution;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link HotspotStore} that sums {@link #add} calls in memory and sends each (key, resolution, slot) once per
 * {@link #flush()}: history is dense (every line adds to the city's hour and day), so a batch of a thousand lines
 * makes a few hundred increments instead of tens of thousands. Everything else goes straight to the delegate. Not
 * thread-safe: one per import.
 */
final class SummingHotspotStore implements HotspotStore {
    private record Slot(HotspotKey key, Resolution resolution, long slot) {}

    private final HotspotStore delegate;
    private final Map<Slot, Long> pending = new HashMap<>();

    SummingHotspotStore(HotspotStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public void add(HotspotKey key, Resolution resolution, long slot, long n) {
        pending.merge(new Slot(key, resolution, slot), n, Long::sum);
    }

    /** Sends the sums, then waits for the delegate's writes; the sums are dropped either way (the batch failed). */
    @Override
    public void flush() {
        try {
            pending.forEach((s, n) -> delegate.add(s.key(), s.resolution(), s.slot(), n));
        } finally {
            pending.clear();
        }
        delegate.flush();
    }

    /** Drops the sums not yet sent: their batch was not counted. */
    void discard() {
        pending.clear();
    }

    @Override
    public long[] counts(HotspotKey key, Resolution resolution, long fromSlot, int n) {
        return delegate.counts(key, resolution, fromSlot, n);
    }

    @Override
    public void remember(HotspotKey key, String appealId, Instant at) {
        delegate.remember(key, appealId, at);
    }

    @Override
    public List<HotspotMember> recent(HotspotKey key, Instant from) {
        return delegate.recent(key, from);
    }

    @Override
    public boolean open(OpenHotspot hotspot, List<HotspotMember> members) {
        return delegate.open(hotspot, members);
    }

    @Override
    public Optional<OpenHotspot> find(HotspotKey key) {
        return delegate.find(key);
    }

    @Override
    public void join(HotspotKey key, HotspotMember member) {
        delegate.join(key, member);
    }

    @Override
    public List<HotspotMember> members(HotspotKey key) {
        return delegate.members(key);
    }

    @Override
    public boolean close(OpenHotspot hotspot, Instant closedAt) {
        return delegate.close(hotspot, closedAt);
    }

    @Override
    public List<HotspotMember> closedMembers(HotspotKey key, Instant from) {
        return delegate.closedMembers(key, from);
    }

    @Override
    public List<OpenHotspot> openHotspots() {
        return delegate.openHotspots();
    }
}
