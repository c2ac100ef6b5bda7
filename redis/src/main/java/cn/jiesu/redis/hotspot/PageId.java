package cn.jiesu.redis.hotspot;

import cn.jiesu.core.hotspot.HotspotKey;
import cn.jiesu.core.hotspot.Resolution;

/** One page of a key's slots at a resolution: one Redis hash ({@link HotspotKeys#counts}). */
record PageId(HotspotKey key, Resolution resolution, long page) {
    static PageId of(HotspotKey key, Resolution r, long slot) {
        return new PageId(key, r, Math.floorDiv(slot, HotspotKeys.pageSlots(r)));
    }

    long firstSlot() {
        return page * HotspotKeys.pageSlots(resolution);
    }

    /** Milliseconds the page's hash should still live at {@code nowMillis}: until its last slot is past retention. */
    long ttlAt(long nowMillis) {
        long end = (page + 1) * HotspotKeys.pageSlots(resolution) * resolution.millis();
        return end + resolution.retention().toMillis() - nowMillis;
    }
}
