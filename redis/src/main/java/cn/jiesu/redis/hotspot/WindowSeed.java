package cn.jiesu.redis.hotspot;

import cn.jiesu.core.hotspot.HotspotKey;
import cn.jiesu.core.hotspot.HotspotStore;
import cn.jiesu.core.hotspot.Resolution;
import cn.jiesu.redis.RedisClients;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.Range;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The first term's windows after an upgrade from the shared-counter detector: its count pages, 5-minute pages and
 * remembered appeals of the last 25 h (kept there until they expire) hold what it counted before the upgrade, and
 * none of the observation log's (no term applied yet). Read once into the new term's memory, they spare the city a
 * day of windows missing the hours before the upgrade. One {@code SCAN} of the keyspace and one read per key found,
 * a scan page's reads pipelined.
 */
final class WindowSeed {
    private static final int SCAN_COUNT = 1000;

    private final RedisClients clients;
    private final HotspotKeys keys;

    WindowSeed(RedisClients clients, HotspotKeys keys) {
        this.clients = clients;
        this.keys = keys;
    }

    /**
     * Adds to {@code memory} every count of a slot at or after {@code fromMillis} (at each resolution's first whole
     * slot) and every remembered appeal since {@code rememberFromMillis}; returns how many keys it read.
     */
    int seed(HotspotStore memory, long fromMillis, long rememberFromMillis, long nowMillis) {
        HotspotKey probe = new HotspotKey("x", HotspotKey.Level.CITY, "x");
        String recentPrefix = strip(keys.recent(probe), probe);
        String base = recentPrefix.substring(0, recentPrefix.length() - "r:".length());
        Map<String, Wanted> pages = new HashMap<>();
        for (Resolution r : Resolution.values()) {
            long first = Math.floorDiv(fromMillis + r.millis() - 1, r.millis());
            long last = Math.floorDiv(nowMillis, r.millis());
            int slots = HotspotKeys.pageSlots(r);
            for (long page = Math.floorDiv(first, slots); page <= Math.floorDiv(last, slots); page++) {
                pages.put(strip(keys.counts(probe, r, page), probe), new Wanted(r, first, last));
            }
        }
        RedisAsyncCommands<String, String> redis = clients.shared().async();
        long timeout = clients.config().commandTimeout().toMillis() * 5;
        int read = 0;
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> page = clients.failures()
                    .await(
                            redis.scan(
                                    cursor, ScanArgs.Builder.matches(base + "*").limit(SCAN_COUNT)),
                            timeout);
            cursor = page;
            // A scan page's reads are all sent before any is awaited: one round trip per page, not per key.
            List<Runnable> reads = new ArrayList<>();
            for (String k : page.getKeys()) {
                if (k.startsWith(recentPrefix)) {
                    HotspotKey key = parse(k.substring(recentPrefix.length()));
                    if (key != null) {
                        RedisFuture<List<ScoredValue<String>>> members = redis.zrangebyscoreWithScores(
                                k, Range.create((double) rememberFromMillis, Double.POSITIVE_INFINITY));
                        reads.add(() -> {
                            for (ScoredValue<String> m : clients.failures().await(members, timeout)) {
                                memory.remember(key, m.getValue(), Instant.ofEpochMilli((long) m.getScore()));
                            }
                        });
                    }
                    continue;
                }
                int colon = k.indexOf(':', base.length() + "c:x:".length());
                Wanted wanted = colon < 0 ? null : pages.get(k.substring(0, colon + 1));
                HotspotKey key = wanted == null ? null : parse(k.substring(colon + 1));
                if (key == null) {
                    continue; // another page, the log, the lease, the open hotspots...
                }
                RedisFuture<Map<String, String>> counts = redis.hgetall(k);
                reads.add(() -> {
                    for (Map.Entry<String, String> e :
                            clients.failures().await(counts, timeout).entrySet()) {
                        long slot = Long.parseLong(e.getKey());
                        if (slot >= wanted.first() && slot <= wanted.last()) {
                            memory.add(key, wanted.resolution(), slot, Long.parseLong(e.getValue()));
                        }
                    }
                });
            }
            reads.forEach(Runnable::run);
            read += reads.size();
        } while (!cursor.isFinished());
        return read;
    }

    private record Wanted(Resolution resolution, long first, long last) {}

    /** A key of {@code probe} without the probe's id: the prefix every key of that kind starts with. */
    private static String strip(String key, HotspotKey probe) {
        return key.substring(0, key.length() - probe.id().length());
    }

    /** {@code topic|LEVEL|place} ({@link HotspotKey#id()}), or null for a key of another shape. */
    static HotspotKey parse(String id) {
        String[] p = id.split("\\|", 3);
        if (p.length != 3) {
            return null;
        }
        try {
            return new HotspotKey(p[0], HotspotKey.Level.valueOf(p[1]), p[2]);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
