package cn.jiesu.redis.hotspot;

import cn.jiesu.core.hotspot.HotspotKey;
import cn.jiesu.core.hotspot.HotspotMember;
import cn.jiesu.core.hotspot.HotspotStore;
import cn.jiesu.core.hotspot.OpenHotspot;
import cn.jiesu.core.hotspot.Resolution;
import cn.jiesu.redis.LuaScript;
import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.StoreFailures;
import io.lettuce.core.ScriptOutputType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;

/**
 * The detector's state in Redis with write-behind: what the detector reads per appeal is served locally and what it
 * writes is sent in coalesced batches, so an appeal costs the detector a few µs of CPU instead of a dozen Redis
 * commands and ~8 round trips ({@link RedisHotspotStore}, which this one uses for the rare synchronous parts).
 *
 * <ul>
 *   <li>{@link #add} and {@link #remember} are kept pending per appeal ({@link #observing}) and applied by
 *       {@link #flush()} as one script ({@code flush.lua}) that also marks the appeals observed ({@link ObservedAppeals}; last,
 *       so a script failing half-way counts an appeal again on redelivery rather than never): a flush that fails
 *       before writing leaves nothing behind, and an appeal whose marker exists already (counted before its
 *       acknowledgement was lost) has its writes dropped.
 *   <li>{@link #counts} comes from pages (hashes) kept for the refresh interval, plus this instance's increments
 *       since; {@link #find} and {@link #closedMembers} from copies refreshed on the same interval and updated by this
 *       instance's opens and closes. {@link #prefetch} reads a batch's stale ones with one script ({@code read.lua}). Other instances' counts and hotspots therefore show here within the refresh interval; on one
 *       instance the reads are exact.
 *   <li>{@link #open}, {@link #join}, {@link #close}, {@link #members}, {@link #recent} stay synchronous (rare, and
 *       opening is where instances must agree: the {@code SET NX}-like open script decides who opens).
 * </ul>
 *
 * <p>Not thread-safe: one per detector thread (they may share the connection).
 */
public final class WriteBehindHotspotStore implements HotspotStore {
    private static final int MAX_PAGES = 20_000;
    private static final LuaScript READ = LuaScript.load(WriteBehindHotspotStore.class, "read.lua");

    private final RedisClients clients;
    private final HotspotKeys keys;
    private final Clock clock;
    private final RedisHotspotStore direct;
    private final StoreFailures failures;
    private final long timeoutMillis;
    private final long refreshNanos;
    private final LongSupplier ticker;
    private final PendingWrites pending = new PendingWrites();
    private final FlushScript script;
    private final CountPages pages;
    private final Map<HotspotKey, Timed<List<HotspotMember>>> closed = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<HotspotKey, Timed<List<HotspotMember>>> eldest) {
            return size() > MAX_PAGES;
        }
    };
    private Timed<Map<HotspotKey, OpenHotspot>> open;

    private record Timed<T>(T value, long readAt) {}

    /**
     * @param clock   the detector's clock (expiries are relative to it, so a simulation keeps its history)
     * @param refresh how long counts, open and closed hotspots read from Redis are served before being read again
     */
    public WriteBehindHotspotStore(RedisClients clients, HotspotKeys keys, Clock clock, Duration refresh) {
        this(clients, keys, clock, refresh, System::nanoTime);
    }

    /** @param ticker nanoseconds for the refresh interval (tests move it by hand) */
    WriteBehindHotspotStore(
            RedisClients clients, HotspotKeys keys, Clock clock, Duration refresh, LongSupplier ticker) {
        this.clients = clients;
        this.keys = keys;
        this.clock = clock;
        this.direct = new RedisHotspotStore(clients, keys, clock);
        this.failures = clients.failures();
        this.timeoutMillis = clients.config().commandTimeout().toMillis() * 2;
        this.refreshNanos = refresh.toNanos();
        this.ticker = ticker;
        this.pages = new CountPages(MAX_PAGES, refreshNanos, ticker);
        this.script = new FlushScript(keys);
    }

    @Override
    public CompletionStage<Boolean> observing(String appealId) {
        return pending.begin(appealId).done;
    }

    /**
     * The stage of an appeal whose writes await the next flush, or null: observing it again before then would count
     * it twice in this instance's view (the flush would apply both).
     */
    public CompletionStage<Boolean> pending(String appealId) {
        return pending.pending(appealId);
    }

    /** True when writes await a flush. */
    public boolean hasPending() {
        return !pending.isEmpty();
    }

    @Override
    public void add(HotspotKey key, Resolution r, long slot, long n) {
        PageId page = PageId.of(key, r, slot);
        if (page.ttlAt(clock.millis()) <= 0) {
            return; // older than the retention: already expired
        }
        pending.add(page, slot, n);
        pages.add(page, slot, n);
    }

    @Override
    public long[] counts(HotspotKey key, Resolution r, long fromSlot, int n) {
        long[] out = new long[n];
        if (n == 0) {
            return out;
        }
        PageId first = PageId.of(key, r, fromSlot);
        int spanned = (int) (PageId.of(key, r, fromSlot + n - 1).page() - first.page() + 1);
        PageId[] ids = new PageId[spanned];
        long[][] found = new long[spanned][];
        List<PageId> stale = new ArrayList<>(1);
        for (int i = 0; i < spanned; i++) {
            ids[i] = new PageId(key, r, first.page() + i);
            found[i] = pages.fresh(ids[i]);
            if (found[i] == null) {
                stale.add(ids[i]);
            }
        }
        Map<PageId, long[]> read = stale.isEmpty() ? Map.of() : read(stale);
        for (int i = 0; i < spanned; i++) {
            PageId id = ids[i];
            long[] page = found[i] != null ? found[i] : read.get(id);
            long from = Math.max(fromSlot, id.firstSlot());
            long to = Math.min(fromSlot + n - 1, id.firstSlot() + page.length - 1);
            for (long s = from; s <= to; s++) {
                out[(int) (s - fromSlot)] = page[(int) (s - id.firstSlot())];
            }
        }
        return out;
    }

    /**
     * Reads, in one pipeline awaited once, every page of the ranges not read within the refresh interval, the keys'
     * last closed hotspots likewise, and the open hotspots if their copy is stale.
     */
    @Override
    public void prefetch(List<SlotRange> ranges) {
        Set<PageId> stale = new java.util.LinkedHashSet<>();
        Set<HotspotKey> closedStale = new java.util.LinkedHashSet<>();
        long now = ticker.getAsLong();
        for (SlotRange range : ranges) {
            long first =
                    PageId.of(range.key(), range.resolution(), range.fromSlot()).page();
            long last =
                    PageId.of(range.key(), range.resolution(), range.toSlot()).page();
            for (long p = first; p <= last; p++) {
                PageId id = new PageId(range.key(), range.resolution(), p);
                if (pages.fresh(id) == null) {
                    stale.add(id);
                }
            }
            Timed<List<HotspotMember>> c = closed.get(range.key());
            if (c == null || now - c.readAt() >= refreshNanos) {
                closedStale.add(range.key());
            }
        }
        boolean openStale = open == null || now - open.readAt() >= refreshNanos;
        if (!stale.isEmpty() || !closedStale.isEmpty() || openStale) {
            fetch(new ArrayList<>(stale), new ArrayList<>(closedStale), openStale, now);
        }
    }

    /**
     * Reads with one script ({@code read.lua}) the pages, the keys' last closed hotspots and, if asked, the open
     * hotspots, and caches them as of {@code readAt} (taken before the read: never fresher than they are); returns
     * the pages' counts in the order asked.
     */
    private List<long[]> fetch(List<PageId> pageIds, List<HotspotKey> closedKeys, boolean openStale, long readAt) {
        String[] k = new String[pageIds.size() + closedKeys.size() + (openStale ? 1 : 0)];
        int i = 0;
        for (PageId id : pageIds) {
            k[i++] = keys.counts(id.key(), id.resolution(), id.page());
        }
        for (HotspotKey key : closedKeys) {
            k[i++] = keys.lastClosed(key);
        }
        if (openStale) {
            k[i] = keys.open();
        }
        List<Object> replies = await(READ.runSettled(
                clients,
                ScriptOutputType.MULTI,
                k,
                List.of(Integer.toString(pageIds.size()), Integer.toString(closedKeys.size()), openStale ? "1" : "0")));
        List<long[]> counts = new ArrayList<>(pageIds.size());
        for (int j = 0; j < pageIds.size(); j++) {
            counts.add(cache(pageIds.get(j), pairs(replies.get(j)), readAt));
        }
        for (int j = 0; j < closedKeys.size(); j++) {
            List<String> flat = pairs(replies.get(pageIds.size() + j));
            List<HotspotMember> members = new ArrayList<>(flat.size() / 2);
            for (int m = 0; m < flat.size(); m += 2) {
                members.add(new HotspotMember(
                        flat.get(m), Instant.ofEpochMilli((long) Double.parseDouble(flat.get(m + 1)))));
            }
            closed.put(closedKeys.get(j), new Timed<>(members, readAt));
        }
        if (openStale) {
            List<String> flat = pairs(replies.get(pageIds.size() + closedKeys.size()));
            Map<HotspotKey, OpenHotspot> byKey = new HashMap<>();
            for (int m = 1; m < flat.size(); m += 2) {
                OpenHotspot h = OpenCodec.decode(flat.get(m));
                byKey.put(h.key(), h);
            }
            open = new Timed<>(byKey, readAt);
        }
        return counts;
    }

    @SuppressWarnings("unchecked")
    private static List<String> pairs(Object reply) {
        return (List<String>) reply;
    }

    /** Caches a page read from Redis as field, value pairs, with this instance's pending increments added. */
    private long[] cache(PageId id, List<String> flat, long readAt) {
        long[] counts = new long[HotspotKeys.pageSlots(id.resolution())];
        for (int m = 0; m < flat.size(); m += 2) {
            counts[(int) (Long.parseLong(flat.get(m)) - id.firstSlot())] = Long.parseLong(flat.get(m + 1));
        }
        for (Map.Entry<Long, Long> e : pending.of(id).entrySet()) {
            counts[(int) (e.getKey() - id.firstSlot())] += e.getValue();
        }
        pages.put(id, counts, readAt);
        return counts;
    }

    /** Reads pages with the prefetch's script and caches them with this instance's pending increments. */
    private Map<PageId, long[]> read(List<PageId> ids) {
        List<long[]> counts = fetch(ids, List.of(), false, ticker.getAsLong());
        Map<PageId, long[]> out = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            out.put(ids.get(i), counts.get(i));
        }
        return out;
    }

    /**
     * Counts another writer (the detecting instance's apply) added to Redis: added to the cached page too, so it
     * stays what Redis holds until its next refresh.
     */
    void addedElsewhere(PageId page, long slot, long n) {
        pages.add(page, slot, n);
    }

    @Override
    public void remember(HotspotKey key, String appealId, Instant at) {
        pending.remember(key, new HotspotMember(appealId, at));
    }

    @Override
    public List<HotspotMember> recent(HotspotKey key, Instant from) {
        List<HotspotMember> out = new ArrayList<>(direct.recent(key, from));
        Set<String> ids = new HashSet<>();
        out.forEach(m -> ids.add(m.appealId()));
        for (HotspotMember m : pending.recent(key)) {
            if (!m.at().isBefore(from) && ids.add(m.appealId())) {
                out.add(m);
            }
        }
        out.sort(Comparator.comparing(HotspotMember::at)); // stable: Redis's order among equal times
        return out;
    }

    @Override
    public boolean open(OpenHotspot hotspot, List<HotspotMember> members) {
        boolean opened = direct.open(hotspot, members);
        if (opened && open != null) {
            open.value().put(hotspot.key(), hotspot);
        } else if (!opened) {
            open = null; // another instance opened it: read the winner
        }
        return opened;
    }

    @Override
    public Optional<OpenHotspot> find(HotspotKey key) {
        if (open == null || ticker.getAsLong() - open.readAt() >= refreshNanos) {
            openHotspots();
        }
        return Optional.ofNullable(open.value().get(key));
    }

    @Override
    public void join(HotspotKey key, HotspotMember member) {
        direct.join(key, member);
    }

    @Override
    public List<HotspotMember> members(HotspotKey key) {
        return direct.members(key);
    }

    @Override
    public boolean close(OpenHotspot hotspot, Instant closedAt) {
        boolean closedNow = direct.close(hotspot, closedAt);
        open = null;
        closed.remove(hotspot.key());
        return closedNow;
    }

    @Override
    public List<HotspotMember> closedMembers(HotspotKey key, Instant from) {
        Timed<List<HotspotMember>> c = closed.get(key);
        if (c == null || ticker.getAsLong() - c.readAt() >= refreshNanos) {
            long readAt = ticker.getAsLong();
            c = new Timed<>(direct.closedMembers(key, Instant.EPOCH), readAt);
            closed.put(key, c);
        }
        return c.value().stream().filter(m -> !m.at().isBefore(from)).toList();
    }

    @Override
    public List<OpenHotspot> openHotspots() {
        long readAt = ticker.getAsLong();
        List<OpenHotspot> all = direct.openHotspots();
        Map<HotspotKey, OpenHotspot> byKey = new HashMap<>();
        all.forEach(h -> byKey.put(h.key(), h));
        open = new Timed<>(byKey, readAt);
        return all;
    }

    /**
     * Applies every pending write as one script with the appeals' markers, and waits. Each appeal's
     * {@link #observing} stage completes: true when applied, false when it had been counted before, failed with
     * the thrown exception when the flush failed (nothing of it was applied; what this instance cached is dropped).
     */
    @Override
    public void flush() {
        List<PendingWrites.Appeal> batch = pending.take();
        try {
            direct.flush(); // the joins sent meanwhile
            while (!batch.isEmpty()) {
                List<PendingWrites.Appeal> tagged =
                        batch.stream().filter(a -> a.id != null).toList();
                List<Long> counted = await(script.run(clients, tagged, batch, clock.millis()));
                if (counted.isEmpty()) {
                    break;
                }
                // Counted before: their increments are in Redis already and in this instance's cache twice.
                pages.clear();
                for (Long i : counted) {
                    PendingWrites.Appeal a = tagged.get((int) (i - 1));
                    batch.remove(a);
                    a.done.complete(false);
                }
            }
        } catch (RuntimeException e) {
            drop();
            script.forgetExpiries(); // the failed script may have set none of them
            batch.forEach(a -> a.done.completeExceptionally(e));
            throw e;
        }
        batch.forEach(a -> a.done.complete(true));
    }

    /** Drops the current appeal's pending writes: observing it failed half-way, it is redelivered and counted then. */
    public void abandon() {
        PendingWrites.Appeal a = pending.abandon();
        drop();
        a.done.completeExceptionally(new IllegalStateException("abandoned"));
    }

    /** Drops every write not flushed yet (a batch that failed before its flush: none of it is counted). */
    public void discard() {
        pending.take();
        drop();
    }

    /** Forgets what this instance cached, which may hold increments that never reached Redis. */
    private void drop() {
        pages.clear();
        closed.clear();
        open = null;
    }

    private <T> T await(CompletionStage<T> stage) {
        return failures.await(stage, timeoutMillis);
    }
}
