package cn.jiesu.gateway.console;

import cn.jiesu.core.console.PopState;
import cn.jiesu.core.console.PopStore;
import cn.jiesu.core.console.StoredPop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A {@link PopStore} with the semantics of the Redis scripts, for unit tests (no expiry). */
final class InMemoryPopStore implements PopStore {
    final Map<String, StoredPop> pops = new LinkedHashMap<>();
    final Map<String, Set<String>> pending = new LinkedHashMap<>();
    final Set<String> ended = new HashSet<>();

    @Override
    public synchronized CompletionStage<Offered> offer(StoredPop pop, Duration ttl) {
        StoredPop existing = pops.get(pop.popId());
        if (existing != null) {
            PopState next = existing.state().max(pop.state());
            boolean changed = next != existing.state();
            pops.put(
                    pop.popId(),
                    new StoredPop(pop.popId(), existing.ext(), existing.linkedid(), next, existing.body()));
            return done(new Offered(false, next, changed));
        }
        PopState state = ended.contains(pop.linkedid()) ? PopState.ENDED : pop.state();
        pops.put(pop.popId(), new StoredPop(pop.popId(), pop.ext(), pop.linkedid(), state, pop.body()));
        pending.computeIfAbsent(pop.ext(), k -> new LinkedHashSet<>()).add(pop.popId());
        return done(new Offered(true, state, true));
    }

    @Override
    public synchronized CompletionStage<List<PopRef>> endCall(String linkedid, Duration ttl) {
        ended.add(linkedid);
        List<PopRef> changed = new ArrayList<>();
        for (StoredPop p : List.copyOf(pops.values())) {
            if (p.linkedid().equals(linkedid) && p.state() != PopState.ENDED) {
                pops.put(p.popId(), new StoredPop(p.popId(), p.ext(), p.linkedid(), PopState.ENDED, p.body()));
                changed.add(new PopRef(p.ext(), p.popId(), p.state()));
            }
        }
        return done(changed);
    }

    @Override
    public synchronized CompletionStage<Boolean> ack(String ext, String popId) {
        Set<String> set = pending.get(ext);
        return done(set != null && set.remove(popId));
    }

    @Override
    public synchronized CompletionStage<List<StoredPop>> pending(String ext) {
        return done(pending.getOrDefault(ext, Set.of()).stream().map(pops::get).toList());
    }

    @Override
    public synchronized CompletionStage<Optional<StoredPop>> get(String popId) {
        return done(Optional.ofNullable(pops.get(popId)));
    }

    @Override
    public synchronized CompletionStage<Boolean> rewrite(String popId, String body) {
        StoredPop p = pops.get(popId);
        if (p != null) {
            pops.put(popId, new StoredPop(popId, p.ext(), p.linkedid(), p.state(), body));
        }
        return done(p != null);
    }

    @Override
    public synchronized CompletionStage<Optional<String>> onCall(String ext) {
        return done(pops.values().stream()
                .filter(p -> p.ext().equals(ext) && p.state() == PopState.CONNECTED)
                .map(StoredPop::popId)
                .findFirst());
    }

    private static <T> CompletionStage<T> done(T value) {
        return CompletableFuture.completedStage(value);
    }
}
