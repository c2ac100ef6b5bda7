package cn.jiesu.gateway.channels;

import cn.jiesu.core.appeal.AppealRecord;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.merge.CitizenKeys;
import cn.jiesu.core.merge.CrossChannelMerge;
import cn.jiesu.core.merge.MergeLink;
import cn.jiesu.core.merge.MergePolicy;
import cn.jiesu.redis.channels.CitizenIndex;
import cn.jiesu.redis.intake.IntakeEntry;
import cn.jiesu.redis.intake.IntakeHandler;
import cn.jiesu.redis.intake.RedisAppealStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * The intake stream's merge consumer: indexes each new appeal under its citizen's channel identities, gathers the
 * open appeals of the same citizen (by phone number, by identity, and through bound identities), asks
 * {@link CrossChannelMerge} which of them are the same problem, and links those both ways. Nothing is dropped or
 * rewritten; {@code DELETE /api/v1/intakes/{id}/related/{otherId}} undoes a link. Idempotent (the index and links
 * are sets), as at-least-once delivery requires. Counts {@code intake.merge.links}.
 *
 * <p>{@link #recheck} runs the same for a stored appeal that changed later: a phone appeal has no text until the
 * agent's form is saved onto it, so only then can it be compared with the citizen's app or Weibo appeals.
 */
public final class MergeOnIntake implements IntakeHandler {
    /** Candidates read per identity: a citizen with more open appeals than this in the window is rare. */
    static final int PER_IDENTITY = 50;

    private static final String PHONE = "phone:";

    private final RedisAppealStore store;
    private final CitizenIndex citizens;
    private final CrossChannelMerge merge;
    private final MergePolicy policy;
    private final Executor work;
    private final Counter links;

    /** @param work where the text comparison runs (not on Redis I/O threads; it classifies every candidate) */
    public MergeOnIntake(
            RedisAppealStore store,
            CitizenIndex citizens,
            CrossChannelMerge merge,
            MergePolicy policy,
            Executor work,
            MeterRegistry registry) {
        this.store = store;
        this.citizens = citizens;
        this.merge = merge;
        this.policy = policy;
        this.work = work;
        this.links = Counter.builder("intake.merge.links")
                .description("cross-channel links made between appeals")
                .register(registry);
    }

    @Override
    public CompletionStage<Void> handle(IntakeEntry entry) {
        return merge(entry.intake());
    }

    /** Merges the stored appeal {@code intakeId} as it is now (after an enrichment); nothing when it is gone. */
    CompletionStage<Void> recheck(String intakeId) {
        return store.byId(intakeId)
                .thenCompose(found -> found.isEmpty()
                        ? CompletableFuture.completedStage(null)
                        : merge(found.get().intake()));
    }

    private CompletionStage<Void> merge(Intake in) {
        Set<String> keys = CitizenKeys.of(in);
        if (keys.isEmpty()) {
            return CompletableFuture.completedStage(null);
        }
        List<String> accounts = keys.stream().filter(k -> !k.startsWith(PHONE)).toList();
        return citizens.record(in.intakeId(), in.receivedAt().toEpochMilli(), accounts)
                .thenCompose(v -> citizens.bound(keys))
                .thenCompose(extra -> {
                    Set<String> all = new LinkedHashSet<>(keys);
                    all.addAll(extra);
                    return candidates(in, all).thenApplyAsync(c -> merge.linksFor(in, c, extra), work);
                })
                .thenCompose(found -> link(in, found));
    }

    private CompletionStage<List<AppealRecord>> candidates(Intake in, Set<String> identities) {
        long since = in.receivedAt().minus(policy.window()).toEpochMilli();
        List<CompletableFuture<List<AppealRecord>>> reads = new ArrayList<>();
        for (String identity : identities) {
            // Ids first, the appeal itself left out: a citizen's first appeal (the usual case) costs no reads.
            CompletionStage<List<String>> ids = identity.startsWith(PHONE)
                    ? citizens.recentByPhone(identity.substring(PHONE.length()), since, PER_IDENTITY)
                    : citizens.recent(identity, since, PER_IDENTITY);
            reads.add(ids.thenCompose(found -> byIds(found.stream()
                            .filter(id -> !id.equals(in.intakeId()))
                            .toList()))
                    .toCompletableFuture());
        }
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(v -> {
            Map<String, AppealRecord> unique = new LinkedHashMap<>();
            reads.forEach(
                    r -> r.join().forEach(a -> unique.putIfAbsent(a.intake().intakeId(), a)));
            unique.remove(in.intakeId());
            return List.copyOf(unique.values());
        });
    }

    private CompletionStage<List<AppealRecord>> byIds(List<String> ids) {
        List<CompletableFuture<Optional<AppealRecord>>> reads =
                ids.stream().map(id -> store.byId(id).toCompletableFuture()).toList();
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
                .thenApply(v -> reads.stream()
                        .map(CompletableFuture::join)
                        .flatMap(Optional::stream)
                        .toList());
    }

    private CompletionStage<Void> link(Intake in, List<MergeLink> found) {
        CompletionStage<Void> chain = CompletableFuture.completedStage(null);
        for (MergeLink l : found) {
            chain = chain.thenCompose(v -> store.linkSuggested(in.intakeId(), l.intakeId()))
                    .thenAccept(made -> {
                        if (made) {
                            links.increment();
                        }
                    });
        }
        return chain;
    }
}
