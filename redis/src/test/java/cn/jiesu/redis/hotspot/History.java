package cn.jiesu.redis.hotspot;

import cn.jiesu.core.hotspot.HotspotKey;
import cn.jiesu.core.hotspot.HotspotStore;
import cn.jiesu.core.hotspot.Resolution;
import java.time.Duration;
import java.time.Instant;

/**
 * Gives a store the city history the baseline needs (it tests nothing while the city has no past weeks): 10 appeals
 * an hour city-wide, of no topic in particular, in the 8 weeks before each hour
 * of [from - 25 h, from + span) (the 24 h window and a bucket window's start reach back into earlier hours).
 */
final class History {
    private History() {}

    static void seed(HotspotStore store, Instant from, Duration span) {
        HotspotKey city = new HotspotKey(HotspotKey.ALL_TOPICS, HotspotKey.Level.CITY, HotspotKey.CITY);
        long first = Resolution.HOUR.slot(from) - 25;
        long hours = span.toHours() + 25;
        for (int week = 1; week <= 8; week++) {
            for (long h = first; h < first + hours; h++) {
                store.add(city, Resolution.HOUR, h - 168L * week, 10);
            }
        }
        long day = Resolution.DAY.slot(from);
        for (long d = day - 28; d < day; d++) {
            store.add(city, Resolution.DAY, d, 240);
        }
        store.flush();
    }
}
