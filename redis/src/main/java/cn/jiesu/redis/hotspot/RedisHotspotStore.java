package cn.jiesu.redis.hotspot;

import cn.jiesu.core.hotspot.HotspotKey;
import cn.jiesu.core.hotspot.HotspotMember;
import cn.jiesu.core.hotspot.HotspotStore;
import cn.jiesu.core.hotspot.OpenHotspot;
import cn.jiesu.core.hotspot.Resolution;
import cn.jiesu.redis.LuaScript;
import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.StoreFailures;
import io.lettuce.core.KeyValue;
import io.lettuce.core.Range;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The detector's state in Redis, shared by every instance (key layout: {@link HotspotKeys}), every call going to
 * Redis: what the tick (every 30 s), tests and seeding use, and the synchronous part (open, join, close, members)
 * of {@link WriteBehindHotspotStore}, which the gateway's observers use. Observing appeals straight on this store
 * costs about 20 commands and 8 round trips an appeal (BENCHMARKS.md).
 *
 * <p>Writes ({@link #add}, {@link #remember}, {@link #join}) are sent on the shared connection without waiting.
 * Redis applies the commands of one connection in order, so a later read on it sees them; a failed write is kept
 * and thrown by the next {@link #flush()}. Reads of several slots are sent together (one {@code HMGET} per page of
 * slots) and awaited once. Each thread that runs a detector should have its own instance (they share the
 * connection): {@link #flush()} waits for this instance's writes.
 */
public final class RedisHotspotStore implements HotspotStore {
    /** How long appeals are remembered, and closed hotspots kept for the board. */
    public static final Duration KEEP = Duration.ofHours(24);

    private static final LuaScript OPEN = LuaScript.load(RedisHotspotStore.class, "open.lua");
    private static final LuaScript JOIN = LuaScript.load(RedisHotspotStore.class, "join.lua");
    private static final LuaScript CLOSE = LuaScript.load(RedisHotspotStore.class, "close.lua");

    private final RedisClients clients;
    private final HotspotKeys keys;
    private final StoreFailures failures;
    private final long timeoutMillis;
    private final java.util.function.Supplier<Instant> now;
    private final ExpiryMemo expiries = new ExpiryMemo(50_000);
    private final AtomicReference<Throwable> failedWrite = new AtomicReference<>();
    private volatile CompletableFuture<?> lastWrite = CompletableFuture.completedFuture(null);

    /** @param now the detector's clock: slot expiries are relative to it, so a simulation keeps its history */
    public RedisHotspotStore(RedisClients clients, HotspotKeys keys, java.time.Clock now) {
        this.clients = clients;
        this.keys = keys;
        this.failures = clients.failures();
        this.timeoutMillis = clients.config().commandTimeout().toMillis() * 2;
        this.now = now::instant;
    }

    @Override
    public void add(HotspotKey key, Resolution r, long slot, long n) {
        PageId page = PageId.of(key, r, slot);
        // The expiry is relative to the detector's clock, so a simulation on a virtual clock keeps its history.
        long ttl = page.ttlAt(now.get().toEpochMilli());
        if (ttl <= 0) {
            return; // older than the retention: already expired
        }
        String k = keys.counts(key, r, page.page());
        RedisAsyncCommands<String, String> c = commands();
        sent(c.hincrby(k, Long.toString(slot), n));
        // Once per page and instance is enough: the page's expiry is fixed by when it ends.
        if (expiries.first(k)) {
            sent(c.pexpire(k, ttl));
        }
    }

    @Override
    public long[] counts(HotspotKey key, Resolution r, long fromSlot, int n) {
        long[] out = new long[n];
        if (n == 0) {
            return out;
        }
        int size = HotspotKeys.pageSlots(r);
        RedisAsyncCommands<String, String> c = commands();
        List<CompletableFuture<List<KeyValue<String, String>>>> reads = new ArrayList<>();
        List<long[]> ranges = new ArrayList<>();
        long slot = fromSlot;
        long last = fromSlot + n - 1;
        while (slot <= last) {
            long page = Math.floorDiv(slot, size);
            long end = Math.min(last, (page + 1) * size - 1);
            String[] fields = new String[(int) (end - slot + 1)];
            for (int i = 0; i < fields.length; i++) {
                fields[i] = Long.toString(slot + i);
            }
            reads.add(c.hmget(keys.counts(key, r, page), fields).toCompletableFuture());
            ranges.add(new long[] {slot, end});
            slot = end + 1;
        }
        for (int i = 0; i < reads.size(); i++) {
            List<KeyValue<String, String>> values = await(reads.get(i));
            long start = ranges.get(i)[0];
            for (int j = 0; j < values.size(); j++) {
                KeyValue<String, String> v = values.get(j);
                if (v.hasValue()) {
                    out[(int) (start - fromSlot) + j] = Long.parseLong(v.getValue());
                }
            }
        }
        return out;
    }

    @Override
    public void remember(HotspotKey key, String appealId, Instant at) {
        String k = keys.recent(key);
        RedisAsyncCommands<String, String> c = commands();
        sent(c.zadd(k, at.toEpochMilli(), appealId));
        sent(c.zremrangebyscore(
                k,
                Range.create(Double.NEGATIVE_INFINITY, (double) at.minus(KEEP).toEpochMilli() - 1)));
        sent(c.pexpire(k, KEEP.plusHours(1).toMillis()));
    }

    @Override
    public List<HotspotMember> recent(HotspotKey key, Instant from) {
        return members(commands()
                .zrangebyscoreWithScores(
                        keys.recent(key), Range.create((double) from.toEpochMilli(), Double.POSITIVE_INFINITY)));
    }

    @Override
    public boolean open(OpenHotspot hotspot, List<HotspotMember> initial) {
        List<String> args = new ArrayList<>();
        args.add(hotspot.key().id());
        args.add(OpenCodec.encode(hotspot));
        for (HotspotMember m : initial) {
            args.add(Long.toString(m.at().toEpochMilli()));
            args.add(m.appealId());
        }
        Long opened = await(OPEN.runSettled(
                clients, ScriptOutputType.INTEGER, new String[] {keys.open(), keys.members(hotspot.key())}, args));
        return opened == 1L;
    }

    @Override
    public Optional<OpenHotspot> find(HotspotKey key) {
        String v = await(commands().hget(keys.open(), key.id()));
        return v == null ? Optional.empty() : Optional.of(OpenCodec.decode(v));
    }

    @Override
    public void join(HotspotKey key, HotspotMember member) {
        // Awaited, not sent: a script Redis has not cached yet (the first join on a fresh server) is retried as
        // EVAL only after NOSCRIPT comes back, behind the members read that builds the "grew" event, which then
        // missed the appeal that grew it. Joins are a hotspot's appeals only, so the round trip is rare.
        await(JOIN.runSettled(
                clients,
                ScriptOutputType.INTEGER,
                new String[] {keys.open(), keys.members(key)},
                List.of(key.id(), Long.toString(member.at().toEpochMilli()), member.appealId())));
    }

    @Override
    public List<HotspotMember> members(HotspotKey key) {
        return members(commands().zrangeWithScores(keys.members(key), 0, -1));
    }

    @Override
    public boolean close(OpenHotspot hotspot, Instant closedAt) {
        HotspotKey key = hotspot.key();
        Long closed = await(CLOSE.runSettled(
                clients,
                ScriptOutputType.INTEGER,
                new String[] {
                    keys.open(),
                    keys.members(key),
                    keys.closedMembers(hotspot.id()),
                    keys.lastClosed(key),
                    keys.closed(),
                    keys.closed(hotspot.id())
                },
                List.of(
                        key.id(),
                        OpenCodec.encode(hotspot),
                        hotspot.id(),
                        Long.toString(closedAt.toEpochMilli()),
                        Long.toString(KEEP.toMillis()))));
        return closed == 1L;
    }

    @Override
    public List<HotspotMember> closedMembers(HotspotKey key, Instant from) {
        return members(commands()
                .zrangebyscoreWithScores(
                        keys.lastClosed(key), Range.create((double) from.toEpochMilli(), Double.POSITIVE_INFINITY)));
    }

    @Override
    public List<OpenHotspot> openHotspots() {
        Map<String, String> all = await(commands().hgetall(keys.open()));
        return all.values().stream().map(OpenCodec::decode).toList();
    }

    /** Waits until every write sent so far is applied; throws the first write failure since the last flush. */
    @Override
    public void flush() {
        await(lastWrite);
        Throwable failed = failedWrite.getAndSet(null);
        if (failed != null) {
            throw failures.translate(failed);
        }
    }

    private List<HotspotMember> members(CompletionStage<List<ScoredValue<String>>> read) {
        List<ScoredValue<String>> values = await(read);
        List<HotspotMember> out = new ArrayList<>(values.size());
        for (ScoredValue<String> v : values) {
            out.add(new HotspotMember(v.getValue(), Instant.ofEpochMilli((long) v.getScore())));
        }
        return out;
    }

    private void sent(CompletionStage<?> write) {
        CompletableFuture<?> f = write.toCompletableFuture();
        f.whenComplete((v, e) -> {
            if (e != null) {
                failedWrite.compareAndSet(null, e);
            }
        });
        lastWrite = f;
    }

    private <T> T await(CompletionStage<T> stage) {
        return failures.await(stage, timeoutMillis);
    }

    private RedisAsyncCommands<String, String> commands() {
        return clients.shared().async();
    }

    /** The page keys whose expiry this instance set, bounded (an evicted one just gets its expiry set again). */
    private static final class ExpiryMemo {
        private final Map<String, Boolean> seen;

        ExpiryMemo(int max) {
            this.seen = java.util.Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > max;
                }
            });
        }

        boolean first(String key) {
            return seen.put(key, Boolean.TRUE) == null;
        }
    }
}
