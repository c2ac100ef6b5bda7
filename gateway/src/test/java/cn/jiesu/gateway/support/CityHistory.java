package cn.jiesu.gateway.support;

import cn.jiesu.core.hotspot.HotspotKey;
import cn.jiesu.core.hotspot.Resolution;
import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.hotspot.HotspotKeys;
import cn.jiesu.redis.hotspot.RedisHotspotStore;
import java.time.Clock;
import java.time.Instant;

/**
 * City-wide hotspot history for the tests that open a hotspot end to end: the detector tests nothing while the city
 * has no history to compare with.
 */
public final class CityHistory {
    private CityHistory() {}

    /**
     * Ten appeals an hour city-wide, of no topic in particular, at the hours around {@code now} of the eight weeks
     * before, and 240 a day for the 28 days before, in the Redis store under {@code prefix}.
     */
    public static void seed(RedisClients redis, String prefix, Instant now) {
        RedisHotspotStore store = new RedisHotspotStore(redis, new HotspotKeys(prefix), Clock.systemUTC());
        HotspotKey city = new HotspotKey(HotspotKey.ALL_TOPICS, HotspotKey.Level.CITY, HotspotKey.CITY);
        long hour = Resolution.HOUR.slot(now);
        for (int week = 1; week <= 8; week++) {
            for (long h = hour - 2; h <= hour + 2; h++) {
                store.add(city, Resolution.HOUR, h - 168L * week, 10);
            }
        }
        long day = Resolution.DAY.slot(now);
        for (long d = day - 28; d < day; d++) {
            store.add(city, Resolution.DAY, d, 240);
        }
        store.flush();
    }
}
