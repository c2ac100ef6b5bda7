package cn.jiesu.redis.hotspot;

import cn.jiesu.core.hotspot.HotspotKey;
import cn.jiesu.core.hotspot.HotspotMember;
import cn.jiesu.redis.LuaScript;
import cn.jiesu.redis.RedisClients;
import io.lettuce.core.ScriptOutputType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * One write-behind flush as {@code flush.lua} takes it: the tagged appeals' markers, then their increments summed
 * per page and slot, then their remembered ids per key, each in the order the detector made them. Remembers which
 * pages it set an expiry on (a page's expiry is fixed by when it ends) and when it last trimmed each key's recent appeals, bounded. Not thread-safe.
 */
final class FlushScript {
    private static final LuaScript FLUSH = LuaScript.load(FlushScript.class, "flush.lua");

    private final HotspotKeys keys;
    private final PageArgs pageArgs = new PageArgs();
    private final SeenTrim seenTrim = new SeenTrim();
    private static final long TRIM_EVERY_MILLIS = java.time.Duration.ofHours(1).toMillis();
    private final Map<HotspotKey, Long> trims = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<HotspotKey, Long> eldest) {
            return size() > 50_000;
        }
    };
    private final Map<PageId, Map<Long, Long>> scratchPages = new LinkedHashMap<>();
    private final Map<HotspotKey, List<HotspotMember>> scratchRecent = new LinkedHashMap<>();

    FlushScript(HotspotKeys keys) {
        this.keys = keys;
    }

    /** Runs the flush of {@code batch}; the stage holds the 1-based positions in {@code tagged} counted before. */
    CompletionStage<List<Long>> run(
            RedisClients clients, List<PendingWrites.Appeal> tagged, List<PendingWrites.Appeal> batch, long now) {
        String[] k = keys(tagged, batch, now);
        return FLUSH.runSettled(clients, ScriptOutputType.MULTI, k, args(tagged, now));
    }

    /** After a failed flush: the expiries it was to set may not be set. */
    void forgetExpiries() {
        pageArgs.forget();
        trims.clear();
        seenTrim.forget();
    }

    private String[] keys(List<PendingWrites.Appeal> tagged, List<PendingWrites.Appeal> batch, long now) {
        scratchPages.clear();
        scratchRecent.clear();
        for (PendingWrites.Appeal a : batch) {
            for (PendingWrites.Count c : a.counts) {
                if (c.page().ttlAt(now) > 0) {
                    scratchPages
                            .computeIfAbsent(c.page(), p -> new LinkedHashMap<>())
                            .merge(c.slot(), c.n(), Long::sum);
                }
            }
            for (PendingWrites.Remember r : a.recent) {
                scratchRecent.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.member());
            }
        }
        List<String> out = new ArrayList<>(1 + scratchPages.size() + scratchRecent.size());
        out.add(keys.seen());
        scratchPages.keySet().forEach(p -> out.add(keys.counts(p.key(), p.resolution(), p.page())));
        scratchRecent.keySet().forEach(k -> out.add(keys.recent(k)));
        return out.toArray(String[]::new);
    }

    private List<String> args(List<PendingWrites.Appeal> tagged, long now) {
        List<String> args = new ArrayList<>();
        args.add(Integer.toString(tagged.size()));
        args.add(Integer.toString(scratchPages.size()));
        args.add(Integer.toString(scratchRecent.size()));
        args.add(Long.toString(now));
        seenTrim.add(args, now);
        tagged.forEach(a -> args.add(a.id));
        scratchPages.forEach((page, slots) -> pageArgs.add(args, page, slots, now));
        for (Map.Entry<HotspotKey, List<HotspotMember>> e : scratchRecent.entrySet()) {
            long latest = e.getValue().stream()
                    .mapToLong(m -> m.at().toEpochMilli())
                    .max()
                    .orElse(now);
            // Trimming and the expiry once an hour per key and instance: members older than 24 h go within the
            // hour, and the 25 h expiry set at most an hour before the last write still outlives it by 24 h.
            Long trimmed = trims.get(e.getKey());
            boolean trim = trimmed == null || trimDue(trimmed, latest);
            if (trim) {
                trims.put(e.getKey(), latest);
            }
            args.add(Long.toString(latest - RedisHotspotStore.KEEP.toMillis()));
            args.add(trim ? Long.toString(RedisHotspotStore.KEEP.plusHours(1).toMillis()) : "0");
            args.add(Integer.toString(e.getValue().size()));
            for (HotspotMember m : e.getValue()) {
                args.add(Long.toString(m.at().toEpochMilli()));
                args.add(m.appealId());
            }
        }
        return args;
    }

    /** An hour since the last trim (or the clock went back): trim now. */
    private static boolean trimDue(long lastTrim, long now) {
        return now - lastTrim >= TRIM_EVERY_MILLIS || now < lastTrim;
    }
}
