package cn.jiesu.redis.hotspot;

import cn.jiesu.core.hotspot.HotspotKey;
import cn.jiesu.core.hotspot.HotspotMember;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The writes a {@link WriteBehindHotspotStore} has not flushed yet, kept per appeal (so the writes of an appeal
 * that turns out to be counted already can be dropped) and summed per page (what the store's reads add to Redis's
 * counts). Not thread-safe.
 */
final class PendingWrites {
    record Count(PageId page, long slot, long n) {}

    record Remember(HotspotKey key, HotspotMember member) {}

    /** One appeal's writes; {@code id} null for writes made outside any appeal (tests, history seeding). */
    static final class Appeal {
        final String id;
        final List<Count> counts = new ArrayList<>();
        final List<Remember> recent = new ArrayList<>(2);
        final CompletableFuture<Boolean> done = new CompletableFuture<>();

        Appeal(String id) {
            this.id = id;
        }

        boolean isEmpty() {
            return counts.isEmpty() && recent.isEmpty();
        }
    }

    private final Map<String, Appeal> appeals = new LinkedHashMap<>();
    private final Map<PageId, Map<Long, Long>> byPage = new HashMap<>();
    private final Map<HotspotKey, List<HotspotMember>> recentByKey = new HashMap<>();
    private Appeal untagged = new Appeal(null);
    private Appeal current = untagged;

    /** The appeal the following writes belong to; the same one again if it is already pending. */
    Appeal begin(String appealId) {
        current = appeals.computeIfAbsent(appealId, Appeal::new);
        return current;
    }

    /** The appeal's stage if its writes are pending, else null. */
    CompletableFuture<Boolean> pending(String appealId) {
        Appeal a = appeals.get(appealId);
        return a == null ? null : a.done;
    }

    void add(PageId page, long slot, long n) {
        current.counts.add(new Count(page, slot, n));
        byPage.computeIfAbsent(page, p -> new HashMap<>()).merge(slot, n, Long::sum);
    }

    void remember(HotspotKey key, HotspotMember member) {
        current.recent.add(new Remember(key, member));
        recentByKey.computeIfAbsent(key, k -> new ArrayList<>()).add(member);
    }

    /** The page's pending increments by slot (empty when none). */
    Map<Long, Long> of(PageId page) {
        return byPage.getOrDefault(page, Map.of());
    }

    List<HotspotMember> recent(HotspotKey key) {
        return recentByKey.getOrDefault(key, List.of());
    }

    /** Every pending appeal (writes outside any appeal first), leaving nothing pending. */
    List<Appeal> take() {
        List<Appeal> out = new ArrayList<>(appeals.size() + 1);
        if (!untagged.isEmpty()) {
            out.add(untagged);
        }
        out.addAll(appeals.values());
        appeals.clear();
        byPage.clear();
        recentByKey.clear();
        untagged = new Appeal(null);
        current = untagged;
        return out;
    }

    /** Drops the current appeal's writes (its observation failed half-way); the caller drops what it cached. */
    Appeal abandon() {
        Appeal dropped = current;
        if (dropped.id != null) {
            appeals.remove(dropped.id);
        }
        // Rebuild the sums from what is left: rare, so simple beats incremental.
        List<Appeal> left = take();
        for (Appeal a : left) {
            if (a.id == null) {
                untagged = a;
            } else {
                appeals.put(a.id, a);
            }
            for (Count c : a.counts) {
                byPage.computeIfAbsent(c.page(), p -> new HashMap<>()).merge(c.slot(), c.n(), Long::sum);
            }
            for (Remember r : a.recent) {
                recentByKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.member());
            }
        }
        current = untagged;
        return dropped;
    }

    boolean isEmpty() {
        return appeals.isEmpty() && untagged.isEmpty();
    }
}
