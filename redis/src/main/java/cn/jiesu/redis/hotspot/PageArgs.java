package cn.jiesu.redis.hotspot;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Count-page increments as {@code flush.lua} and {@code apply.lua} take them: per page its expiry in ms (0 when this
 * writer set it before: a page's expiry is fixed by when it ends), the number of slots, then slot/count pairs.
 * Remembers the pages whose expiry it sent, bounded. Not thread-safe.
 */
final class PageArgs {
    private static final int REMEMBERED = 50_000;

    private final Map<PageId, Boolean> expirySet = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<PageId, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** Appends {@code page}'s increments to {@code args}. */
    void add(List<String> args, PageId page, Map<Long, Long> slots, long now) {
        args.add(expirySet.put(page, Boolean.TRUE) != null ? "0" : Long.toString(Math.max(1, page.ttlAt(now))));
        args.add(Integer.toString(slots.size()));
        slots.forEach((slot, n) -> {
            args.add(Long.toString(slot));
            args.add(Long.toString(n));
        });
    }

    /** After a failed write: the expiries it was to set may not be set. */
    void forget() {
        expirySet.clear();
    }
}
