package cn.jiesu.redis.hotspot;

import cn.jiesu.core.hotspot.HotspotAppeal;
import cn.jiesu.core.hotspot.HotspotKey;
import cn.jiesu.core.hotspot.HotspotMember;
import cn.jiesu.core.hotspot.HotspotStore;
import cn.jiesu.core.hotspot.InMemoryHotspotStore;
import cn.jiesu.core.hotspot.OpenHotspot;
import cn.jiesu.core.hotspot.Resolution;
import cn.jiesu.redis.LuaScript;
import cn.jiesu.redis.RedisClients;
import io.lettuce.core.ScriptOutputType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/**
 * The detecting instance's store (the one holding the {@link HotspotLease}): the live windows (5-minute and recent
 * hourly and daily counts, the appeals of the last 24 h) are in this instance's memory, so observing an appeal costs
 * no Redis work of its own. What must outlast the instance goes to Redis in bulk:
 *
 * <ul>
 *   <li>each {@link #flush()} appends the batch's appeals to the {@link ObservationLog} as one entry (with their
 *       observed-once markers), before their stream entries are acknowledged;
 *   <li>every {@code applyEvery} the hourly and daily counts logged since are added to the count pages with one
 *       script ({@code apply.lua}) that also records the last entry applied, so a new holder replays the log (the
 *       last 25 h rebuild its windows; entries after that record are counted into the pages again, exactly once);
 *   <li>hotspots open, grow and close in Redis as before ({@link WriteBehindHotspotStore}, whose pages also serve
 *       counts older than the windows: the baseline's past weeks).
 * </ul>
 *
 * <p>Any failed write leaves this store {@link #broken()}: its memory may disagree with Redis, so the instance gives
 * up its term and the next one (perhaps itself) rebuilds from the log. Not thread-safe: the detecting instance runs
 * its consumer, tick and enrichments under one lock.
 */
public final class LeaderHotspotStore implements HotspotStore {
    private static final LuaScript APPLY = LuaScript.load(LeaderHotspotStore.class, "apply.lua");
    /** Memory keeps counts this far back: the replay's reach and an hour's slack for the ring's reuse. */
    private static final Duration KEPT = ObservationLog.REPLAY.plusHours(1);

    private final RedisClients clients;
    private final HotspotKeys keys;
    private final Clock clock;
    private final HotspotLease lease;
    private final ObservationLog log;
    private final WriteBehindHotspotStore behind;
    private final long applyEveryMillis;
    private final long timeoutMillis;
    private final InMemoryHotspotStore windows = new InMemoryHotspotStore(KEPT);
    private final Map<PageId, Map<Long, Long>> unapplied = new LinkedHashMap<>();
    private final PageArgs pageArgs = new PageArgs();
    private final List<Observing> batch = new ArrayList<>();
    private final Map<String, Observing> byId = new HashMap<>();
    private Observing current;
    private Mode mode = Mode.LIVE;
    private long replayedFrom = Long.MIN_VALUE;
    private String lastLogged;
    private String lastApplied;
    private long lastApply;
    private boolean broken;
    private int seededKeys;

    private enum Mode {
        LIVE,
        /** Replaying an entry whose counts are in the pages already: memory only. */
        REPLAY_APPLIED,
        /** Replaying an entry after the last applied one: memory and the pages' pending counts. */
        REPLAY_UNAPPLIED
    }

    private record Count(PageId page, long slot, long n) {}

    private static final class Observing {
        final ObservationLog.Logged logged;
        final List<Count> counts = new ArrayList<>(6);
        final CompletableFuture<Boolean> done = new CompletableFuture<>();

        Observing(ObservationLog.Logged logged) {
            this.logged = logged;
        }
    }

    /**
     * @param applyEvery how often the logged hourly and daily counts go to the count pages (what other readers of
     *     the pages, such as a later baseline, see; a new holder counts what was not applied again from the log)
     */
    public LeaderHotspotStore(
            RedisClients clients, HotspotKeys keys, Clock clock, HotspotLease lease, Duration applyEvery) {
        this.clients = clients;
        this.keys = keys;
        this.clock = clock;
        this.lease = lease;
        this.log = new ObservationLog(clients, keys);
        // Its pages are the baseline's past weeks, changed only by imports and this store's applies; its open and
        // closed hotspots change only by this instance: a minute's refresh is plenty.
        this.behind = new WriteBehindHotspotStore(clients, keys, clock, Duration.ofMinutes(1));
        this.applyEveryMillis = applyEvery.toMillis();
        this.timeoutMillis = clients.config().commandTimeout().toMillis() * 2;
    }

    /**
     * Rebuilds the windows from the log before the first appeal: every entry of the last 25 h, and every entry after
     * the last one applied, goes through {@code recount} (the detector's {@code recount}) with its appeals; the first
     * term after an upgrade also reads the shared-counter detector's last hours ({@link WindowSeed}).
     */
    public void rebuild(BiConsumer<HotspotAppeal, Boolean> recount) {
        String applied = clients.failures().await(clients.shared().async().get(keys.applied()), timeoutMillis);
        long now = clock.millis();
        replayedFrom = now - ObservationLog.REPLAY.toMillis();
        long from = applied == null ? 0 : Math.min(replayedFrom, millisOf(applied));
        lastApplied = applied;
        // The first term after an upgrade from the shared-counter detector (appeals marked observed, no term ever
        // applied): its pages, 5-minute pages and remembered appeals of the last hours seed the windows, none of the
        // log's being in them. One SCAN of the keyspace: only then, not at every start.
        if (applied == null
                && clients.failures().await(clients.shared().async().exists(keys.seen()), timeoutMillis) > 0) {
            seededKeys = new WindowSeed(clients, keys)
                    .seed(windows, replayedFrom, now - RedisHotspotStore.KEEP.toMillis(), now);
        }
        try {
            log.read(from, entry -> {
                boolean after = applied == null || compare(entry.id(), applied) > 0;
                mode = after ? Mode.REPLAY_UNAPPLIED : Mode.REPLAY_APPLIED;
                for (ObservationLog.Logged l : entry.appeals()) {
                    recount.accept(l.appeal(), l.live());
                }
                if (after) {
                    lastLogged = entry.id();
                }
            });
        } finally {
            mode = Mode.LIVE;
        }
        lastApply = now;
    }

    /** How many keys of the shared-counter detector's pages seeded this term's windows (an upgrade's first term). */
    public int seededKeys() {
        return seededKeys;
    }

    /** True once a write failed or the log refused: this store must not be used further; the log rebuilds one. */
    public boolean broken() {
        return broken;
    }

    @Override
    public CompletionStage<Boolean> observing(String appealId) {
        throw new UnsupportedOperationException("the detecting instance logs appeals: observing(appeal, live)");
    }

    @Override
    public CompletionStage<Boolean> observing(HotspotAppeal appeal, boolean live) {
        Observing o = new Observing(new ObservationLog.Logged(appeal, live));
        if (broken) {
            o.done.completeExceptionally(new IllegalStateException("hotspot windows are being rebuilt"));
        }
        batch.add(o);
        byId.put(appeal.appealId(), o);
        current = o;
        return o.done;
    }

    /** The stage of an appeal observed since the last flush, or null (observing it again would count it twice). */
    public CompletionStage<Boolean> pending(String appealId) {
        Observing o = byId.get(appealId);
        return o == null ? null : o.done;
    }

    /** True when appeals await their flush, or logged counts their apply. */
    public boolean hasPending() {
        return !batch.isEmpty() || lastLogged != null && !lastLogged.equals(lastApplied);
    }

    /** Observing the current appeal failed half-way: its counts are in memory in part, so the windows are rebuilt. */
    public void abandon() {
        broken = true;
        if (current != null) {
            current.done.completeExceptionally(new IllegalStateException("abandoned"));
        }
    }

    @Override
    public void add(HotspotKey key, Resolution r, long slot, long n) {
        windows.add(key, r, slot, n); // a ring ignores slots older than it keeps
        if (r == Resolution.BUCKET || mode == Mode.REPLAY_APPLIED) {
            return; // 5-minute counts live in memory only; an applied entry's hours are in the pages
        }
        PageId page = PageId.of(key, r, slot);
        if (page.ttlAt(clock.millis()) <= 0) {
            return; // older than the retention
        }
        if (mode == Mode.REPLAY_UNAPPLIED) {
            unapplied(page, slot, n);
        } else if (current != null) {
            current.counts.add(new Count(page, slot, n));
        } else {
            throw new IllegalStateException("a count outside observing(appeal, live)");
        }
    }

    private void unapplied(PageId page, long slot, long n) {
        unapplied.computeIfAbsent(page, p -> new HashMap<>()).merge(slot, n, Long::sum);
    }

    @Override
    public long[] counts(HotspotKey key, Resolution r, long fromSlot, int n) {
        long firstInMemory = firstInMemory(r);
        if (fromSlot >= firstInMemory) {
            return windows.counts(key, r, fromSlot, n);
        }
        int old = (int) Math.min(n, firstInMemory - fromSlot);
        long[] out = new long[n];
        if (r != Resolution.BUCKET) { // 5-minute counts older than the windows are never read
            long[] paged = behind.counts(key, r, fromSlot, old);
            for (int i = 0; i < old; i++) {
                long slot = fromSlot + i;
                Map<Long, Long> mine = unapplied.get(PageId.of(key, r, slot));
                out[i] = paged[i] + (mine == null ? 0 : mine.getOrDefault(slot, 0L));
            }
        }
        if (old < n) {
            System.arraycopy(windows.counts(key, r, fromSlot + old, n - old), 0, out, old, n - old);
        }
        return out;
    }

    /**
     * The first slot at {@code r} whose every appeal is in memory: at or after both the replay's start (what the
     * log gave) and 25 h ago (what the rings still hold).
     */
    private long firstInMemory(Resolution r) {
        long since = Math.max(replayedFrom, clock.millis() - ObservationLog.REPLAY.toMillis());
        return Math.floorDiv(since + r.millis() - 1, r.millis());
    }

    @Override
    public void prefetch(List<SlotRange> ranges) {
        List<SlotRange> old = new ArrayList<>(0);
        for (SlotRange range : ranges) {
            long first = firstInMemory(range.resolution());
            if (range.resolution() != Resolution.BUCKET && range.fromSlot() < first) {
                old.add(new SlotRange(
                        range.key(), range.resolution(), range.fromSlot(), Math.min(range.toSlot(), first - 1)));
            }
        }
        behind.prefetch(old);
    }

    @Override
    public void remember(HotspotKey key, String appealId, Instant at) {
        windows.remember(key, appealId, at);
    }

    @Override
    public List<HotspotMember> recent(HotspotKey key, Instant from) {
        return windows.recent(key, from);
    }

    @Override
    public boolean open(OpenHotspot hotspot, List<HotspotMember> members) {
        return behind.open(hotspot, members);
    }

    @Override
    public Optional<OpenHotspot> find(HotspotKey key) {
        return behind.find(key);
    }

    @Override
    public void join(HotspotKey key, HotspotMember member) {
        behind.join(key, member);
    }

    @Override
    public List<HotspotMember> members(HotspotKey key) {
        return behind.members(key);
    }

    @Override
    public boolean close(OpenHotspot hotspot, Instant closedAt) {
        return behind.close(hotspot, closedAt);
    }

    @Override
    public List<HotspotMember> closedMembers(HotspotKey key, Instant from) {
        return behind.closedMembers(key, from);
    }

    @Override
    public List<OpenHotspot> openHotspots() {
        return behind.openHotspots();
    }

    /**
     * Logs the appeals observed since the last flush (their stages complete: true, or failed when this store broke),
     * then applies the logged counts if {@code applyEvery} has passed. Throws when a write failed.
     */
    @Override
    public void flush() {
        List<Observing> taken = List.copyOf(batch);
        batch.clear();
        byId.clear();
        current = null;
        try {
            if (broken) {
                throw new IllegalStateException("hotspot windows are being rebuilt");
            }
            behind.flush(); // the joins sent meanwhile
            if (!taken.isEmpty()) {
                String token = lease.token();
                ObservationLog.Appended appended = log.append(
                        token == null ? "" : token,
                        taken.stream().map(o -> o.logged).toList(),
                        clock.millis());
                if (appended.id() == null) {
                    // Another instance counted some of them: this memory has them twice.
                    throw new IllegalStateException("appeals counted by another instance meanwhile: "
                            + appended.observedBefore().size());
                }
                for (Observing o : taken) {
                    o.counts.forEach(c -> unapplied(c.page(), c.slot(), c.n()));
                }
                lastLogged = appended.id();
            }
            if (lastLogged != null
                    && !lastLogged.equals(lastApplied)
                    && clock.millis() - lastApply >= applyEveryMillis) {
                apply();
            }
        } catch (RuntimeException e) {
            broken = true;
            taken.forEach(o -> o.done.completeExceptionally(e));
            throw e;
        }
        taken.forEach(o -> o.done.complete(true));
    }

    /** Applies the logged counts now, whatever the interval (a stopping instance); nothing when broken. */
    public void applyNow() {
        if (!broken && lastLogged != null && !lastLogged.equals(lastApplied)) {
            apply();
        }
    }

    /** Adds the logged hourly and daily counts to the pages and records the last entry they cover. */
    private void apply() {
        List<String> k = new ArrayList<>(2 + unapplied.size());
        k.add(keys.lease());
        k.add(keys.applied());
        String token = lease.token();
        List<String> args = new ArrayList<>();
        args.add(token == null ? "" : token);
        args.add(lastLogged);
        args.add(Integer.toString(unapplied.size()));
        long now = clock.millis();
        for (Map.Entry<PageId, Map<Long, Long>> e : unapplied.entrySet()) {
            PageId page = e.getKey();
            k.add(keys.counts(page.key(), page.resolution(), page.page()));
            pageArgs.add(args, page, e.getValue(), now);
        }
        try {
            clients.failures()
                    .await(
                            APPLY.runSettled(clients, ScriptOutputType.INTEGER, k.toArray(String[]::new), args),
                            timeoutMillis * 5);
        } catch (RuntimeException e) {
            pageArgs.forget();
            throw e;
        }
        unapplied.forEach((page, slots) -> slots.forEach((slot, n) -> behind.addedElsewhere(page, slot, n)));
        unapplied.clear();
        lastApplied = lastLogged;
        lastApply = now;
    }

    /** A stream id's milliseconds. */
    private static long millisOf(String id) {
        int dash = id.indexOf('-');
        return Long.parseLong(dash < 0 ? id : id.substring(0, dash));
    }

    /** Orders stream ids ({@code ms-seq}). */
    static int compare(String a, String b) {
        int c = Long.compare(millisOf(a), millisOf(b));
        if (c != 0) {
            return c;
        }
        return Long.compare(seqOf(a), seqOf(b));
    }

    private static long seqOf(String id) {
        int dash = id.indexOf('-');
        return dash < 0 ? 0 : Long.parseLong(id.substring(dash + 1));
    }
}
