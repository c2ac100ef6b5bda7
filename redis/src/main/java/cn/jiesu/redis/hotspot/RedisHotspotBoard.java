package cn.jiesu.redis.hotspot;

import cn.jiesu.core.hotspot.Hotspot;
import cn.jiesu.core.hotspot.HotspotBoard;
import cn.jiesu.core.hotspot.HotspotMember;
import cn.jiesu.core.hotspot.HotspotView;
import cn.jiesu.core.hotspot.OpenHotspot;
import cn.jiesu.redis.RedisClients;
import io.lettuce.core.Range;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The board over {@link RedisHotspotStore}'s keys: the open hotspots with their appeals, and those closed within the
 * last 24 h (kept that long by the store). Thread-safe, non-blocking; failures are AppealStoreExceptions.
 */
public final class RedisHotspotBoard implements HotspotBoard {
    private final RedisClients clients;
    private final HotspotKeys keys;
    private final Clock clock;

    public RedisHotspotBoard(RedisClients clients, HotspotKeys keys, Clock clock) {
        this.clients = clients;
        this.keys = keys;
        this.clock = clock;
    }

    @Override
    public CompletionStage<List<HotspotView>> current(Duration closedWithin) {
        RedisAsyncCommands<String, String> c = clients.shared().async();
        // Every view names the open hotspots it nests with (HotspotNesting), closed ones included.
        CompletableFuture<List<OpenHotspot>> openHotspots = c.hgetall(keys.open())
                .toCompletableFuture()
                .thenApply(all -> all.values().stream().map(OpenCodec::decode).toList());
        CompletableFuture<List<HotspotView>> open = openHotspots.thenCompose(all -> views(c, all));
        double from = (double) clock.instant().minus(closedWithin).toEpochMilli();
        CompletableFuture<List<HotspotView>> closed = c.zrangebyscore(
                        keys.closed(), Range.create(from, Double.POSITIVE_INFINITY))
                .toCompletableFuture()
                .thenCombine(openHotspots, (ids, all) -> closedViews(c, ids, all))
                .thenCompose(f -> f);
        return clients.failures().settle(open.thenCombine(closed, (o, cl) -> {
            List<HotspotView> out = new ArrayList<>(o);
            out.addAll(cl);
            out.sort(Comparator.comparing((HotspotView v) -> !v.open())
                    .thenComparing(HotspotView::latest, Comparator.reverseOrder()));
            return out;
        }));
    }

    private CompletableFuture<List<HotspotView>> views(RedisAsyncCommands<String, String> c, List<OpenHotspot> all) {
        List<CompletableFuture<HotspotView>> each = new ArrayList<>();
        for (OpenHotspot h : all) {
            each.add(c.zrangeWithScores(keys.members(h.key()), 0, -1)
                    .toCompletableFuture()
                    .thenApply(m -> HotspotView.of(Hotspot.of(h, members(m)), null, all)));
        }
        return all(each);
    }

    private CompletableFuture<List<HotspotView>> closedViews(
            RedisAsyncCommands<String, String> c, List<String> ids, List<OpenHotspot> open) {
        List<CompletableFuture<HotspotView>> each = new ArrayList<>();
        for (String id : ids) {
            CompletableFuture<String> record = c.get(keys.closed(id)).toCompletableFuture();
            CompletableFuture<List<ScoredValue<String>>> m =
                    c.zrangeWithScores(keys.closedMembers(id), 0, -1).toCompletableFuture();
            each.add(record.thenCombine(
                    m,
                    (r, list) -> r == null
                            ? null // expired between the index read and this one
                            : HotspotView.of(
                                    Hotspot.of(OpenCodec.decode(r), members(list)), OpenCodec.closedAt(r), open)));
        }
        return all(each);
    }

    private static List<HotspotMember> members(List<ScoredValue<String>> values) {
        return values.stream()
                .map(v -> new HotspotMember(v.getValue(), Instant.ofEpochMilli((long) v.getScore())))
                .toList();
    }

    private static CompletableFuture<List<HotspotView>> all(List<CompletableFuture<HotspotView>> each) {
        return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
                .thenApply(v -> each.stream()
                        .map(CompletableFuture::join)
                        .filter(java.util.Objects::nonNull)
                        .toList());
    }
}
