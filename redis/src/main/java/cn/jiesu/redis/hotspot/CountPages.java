package cn.jiesu.redis.hotspot;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The count pages a {@link WriteBehindHotspotStore} read from Redis, with this instance's increments since added in
 * place: served while younger than the refresh interval, so other instances' counts show within it. Bounded (least
 * recently used pages go first). Not thread-safe.
 */
final class CountPages {
    private record Cached(long[] counts, long readAt) {}

    private final Map<PageId, Cached> pages;
    private final long refreshNanos;
    private final LongSupplier ticker;

    CountPages(int max, long refreshNanos, LongSupplier ticker) {
        this.refreshNanos = refreshNanos;
        this.ticker = ticker;
        this.pages = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<PageId, Cached> eldest) {
                return size() > max;
            }
        };
    }

    /** The page's counts if read within the refresh interval, else null. */
    long[] fresh(PageId id) {
        Cached c = pages.get(id);
        return c == null || ticker.getAsLong() - c.readAt() >= refreshNanos ? null : c.counts();
    }

    /** A page as read now (Redis's counts plus this instance's unflushed increments). */
    void put(PageId id, long[] counts, long readAt) {
        pages.put(id, new Cached(counts, readAt));
    }

    /** Adds an increment of this instance to a cached page (nothing when the page is not cached). */
    void add(PageId id, long slot, long n) {
        Cached c = pages.get(id);
        if (c != null) {
            c.counts()[(int) (slot - id.firstSlot())] += n;
        }
    }

    void clear() {
        pages.clear();
    }
}
