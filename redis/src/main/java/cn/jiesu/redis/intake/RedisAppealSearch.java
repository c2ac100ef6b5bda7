package cn.jiesu.redis.intake;

import cn.jiesu.core.appeal.AppealCursor;
import cn.jiesu.core.appeal.AppealFilter;
import cn.jiesu.core.appeal.AppealPage;
import cn.jiesu.core.appeal.AppealQuery;
import cn.jiesu.core.appeal.AppealRecord;
import cn.jiesu.core.appeal.AppealSearch;
import cn.jiesu.redis.LuaScript;
import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.StoreFailures;
import cn.jiesu.redis.StreamKeys;
import cn.jiesu.redis.channels.ChannelKeys;
import cn.jiesu.redis.channels.CitizenIndex;
import io.lettuce.core.ScriptOutputType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Appeal search on Redis ({@code GET /api/v1/intakes}): the candidates come, newest first, from the index of the
 * most selective filter, and every other filter is checked on the appeals read. Nothing is scanned whole:
 * <ul>
 *   <li>a phone number: the appeal store's phone index ({@code phone:<digits>}, kept for the appeal retention);</li>
 *   <li>a citizen identity: the account indexes ({@code citizen:<identity>}, written at append for the retention)
 *       of the identity and of the identities bound to it (one hop), merged;</li>
 *   <li>text alone: the search window, the newest {@link SearchWindow#entries()} appeals' folded text (first
 *       {@link SearchWindow#textChars()} characters), read by a script that examines at most
 *       {@link #SCAN_BUDGET} entries a call, so Redis is never held long; older appeals are found by text only
 *       together with a phone or identity filter.</li>
 * </ul>
 * Pages are newest first by receipt time, then id; the cursor is the last appeal shown. Thread-safe, non-blocking.
 */
public final class RedisAppealSearch implements AppealSearch {
    /** Entries one scan call examines at most (a few milliseconds of Redis time for the longest texts). */
    static final int SCAN_BUDGET = 5_000;
    /** Bound identities followed at most: a citizen with more bindings than this is not a citizen. */
    static final int MAX_IDENTITIES = 32;
    /** Batches read in one request at most: with the scan budget, 50 × 5,000 window entries. */
    static final int MAX_ROUNDS = 50;

    private static final LuaScript SCAN = LuaScript.load(RedisAppealSearch.class, "scan.lua");
    private static final Comparator<Hit> NEWEST_FIRST =
            Comparator.comparingLong(Hit::ms).reversed().thenComparing(Hit::id, Comparator.reverseOrder());

    private final RedisClients clients;
    private final StreamKeys keys;
    private final ChannelKeys citizenKeys;
    private final RedisAppealStore appeals;
    private final CitizenIndex citizens;
    private final StoreFailures failures;
    private final int scanBudget;

    public RedisAppealSearch(RedisClients clients, StreamKeys keys, RedisAppealStore appeals, CitizenIndex citizens) {
        this(clients, keys, appeals, citizens, SCAN_BUDGET);
    }

    /** @param scanBudget window entries one script call examines at most (tests make it small) */
    RedisAppealSearch(
            RedisClients clients, StreamKeys keys, RedisAppealStore appeals, CitizenIndex citizens, int scanBudget) {
        this.scanBudget = scanBudget;
        this.clients = clients;
        this.keys = keys;
        this.citizenKeys = new ChannelKeys(keys.prefix());
        this.appeals = appeals;
        this.citizens = citizens;
        this.failures = clients.failures();
    }

    /** One index entry: an intake id and its receipt time. */
    private record Hit(String id, long ms) {}

    /** A batch of candidates, newest first; {@code last} is where the next batch starts; {@code done}: no more. */
    private record Batch(List<Hit> hits, AppealCursor last, boolean done) {}

    /** Where candidates come from: one or more indexes, read newest first from after a cursor. */
    private interface Source {
        CompletionStage<Batch> next(AppealCursor after, int want);
    }

    @Override
    public CompletionStage<AppealPage> find(AppealQuery query) {
        return failures.settle(expand(query.filters()).thenCompose(filters -> {
            AppealFilter lead = lead(filters);
            Source source = source(lead);
            Predicate<AppealRecord> rest = r -> true;
            for (AppealFilter f : filters) {
                // The review index is not the review state (an appeal leaves it when confirmed, and the window
                // read for review=false holds every appeal): that filter is always checked on what was read.
                if (f != lead || f instanceof AppealFilter.UnderReview) {
                    rest = rest.and(f::test);
                }
            }
            return collect(source, rest, query.after(), query.limit(), new ArrayList<>(), 0)
                    .thenApply(page -> new AppealPage(page.items(), page.next(), filters));
        }));
    }

    /** A citizen filter gets the identities bound to the one asked. */
    private CompletionStage<List<AppealFilter>> expand(List<AppealFilter> filters) {
        List<CompletableFuture<AppealFilter>> out = new ArrayList<>();
        for (AppealFilter f : filters) {
            out.add(
                    f instanceof AppealFilter.ByCitizen c
                            ? citizens.bound(c.identities())
                                    .thenApply(bound -> (AppealFilter) c.withBound(bound.stream()
                                            .sorted()
                                            .limit(MAX_IDENTITIES)
                                            .collect(Collectors.toCollection(LinkedHashSet::new))))
                                    .toCompletableFuture()
                            : CompletableFuture.completedFuture(f));
        }
        return CompletableFuture.allOf(out.toArray(CompletableFuture[]::new))
                .thenApply(v -> out.stream().map(CompletableFuture::join).toList());
    }

    /**
     * The filter whose index is read: the smallest index first (one number, one citizen, the appeals under review,
     * then the window).
     */
    private static AppealFilter lead(List<AppealFilter> filters) {
        AppealFilter best = null;
        int bestRank = Integer.MAX_VALUE;
        for (AppealFilter f : filters) {
            int rank = switch (f) {
                case AppealFilter.ByPhone p -> 0;
                case AppealFilter.ByCitizen c -> 1;
                case AppealFilter.UnderReview r -> r.review() ? 2 : 4;
                case AppealFilter.ByText t -> 3;
            };
            if (rank < bestRank) {
                best = f;
                bestRank = rank;
            }
        }
        return best;
    }

    private Source source(AppealFilter lead) {
        return switch (lead) {
            case AppealFilter.ByPhone p -> scan(List.of(keys.phone(p.digits())), List.of());
            case AppealFilter.ByCitizen c ->
                scan(c.identities().stream().map(this::indexOf).toList(), List.of());
            case AppealFilter.ByText t -> scan(List.of(keys.searchWindow()), t.terms());
            // Doubted appeals have an index of their own; settled ones are everything else: the recent window.
            case AppealFilter.UnderReview r ->
                scan(List.of(r.review() ? keys.triageReview() : keys.searchWindow()), List.of());
        };
    }

    /** A phone identity is read from the appeal store's phone index, an account from the account index. */
    private String indexOf(String identity) {
        return identity.startsWith("phone:")
                ? keys.phone(identity.substring("phone:".length()))
                : citizenKeys.citizen(identity);
    }

    /**
     * The indexes {@code keys} merged newest first; with {@code terms}, only entries whose window text holds them
     * all. Each index yields its own {@code want} newest after the cursor, so the merged first {@code want} are
     * exact.
     */
    private Source scan(List<String> indexes, List<String> terms) {
        return (after, want) -> {
            List<CompletableFuture<Batch>> reads = indexes.stream()
                    .map(k -> scanOne(k, terms, after, want).toCompletableFuture())
                    .toList();
            return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
                    .thenApply(v -> {
                        if (reads.size() == 1) {
                            return reads.getFirst().join();
                        }
                        Map<String, Hit> merged = new LinkedHashMap<>();
                        boolean done = true;
                        for (CompletableFuture<Batch> r : reads) {
                            Batch b = r.join();
                            done &= b.done();
                            b.hits().forEach(h -> merged.putIfAbsent(h.id(), h));
                        }
                        List<Hit> hits = merged.values().stream()
                                .sorted(NEWEST_FIRST)
                                .limit(want)
                                .toList();
                        // Each index gave up to `want` after the cursor; if any had more, the next batch starts after
                        // the
                        // last hit kept here (or stays where it was when nothing was kept).
                        AppealCursor last = hits.isEmpty()
                                ? after
                                : new AppealCursor(
                                        hits.getLast().ms(), hits.getLast().id());
                        return new Batch(hits, last, done && merged.size() <= want);
                    });
        };
    }

    private CompletionStage<Batch> scanOne(String index, List<String> terms, AppealCursor after, int want) {
        List<String> args = new ArrayList<>(List.of(
                after == null ? "" : Long.toString(after.receivedAtMs()),
                after == null ? "" : after.intakeId(),
                Integer.toString(terms.isEmpty() ? want : scanBudget),
                Integer.toString(want)));
        args.addAll(terms);
        CompletionStage<List<Object>> run;
        try {
            run = SCAN.run(
                    clients.shared().async(),
                    ScriptOutputType.MULTI,
                    new String[] {index, keys.searchTexts()},
                    args.toArray(String[]::new));
        } catch (RuntimeException e) {
            run = CompletableFuture.failedStage(e);
        }
        return run.thenApply(reply -> {
            boolean exhausted = ((Long) reply.get(0)) == 1L;
            List<Hit> hits = new ArrayList<>();
            for (int i = 3; i + 1 < reply.size(); i += 2) {
                hits.add(new Hit((String) reply.get(i), score(reply.get(i + 1))));
            }
            String lastId = (String) reply.get(1);
            AppealCursor last = lastId.isEmpty() ? after : new AppealCursor(score(reply.get(2)), lastId);
            return new Batch(hits, last, exhausted);
        });
    }

    private static long score(Object raw) {
        return (long) Double.parseDouble((String) raw);
    }

    /**
     * Reads batches until {@code limit + 1} appeals pass the other filters (one more than shown: then there is a
     * next page) or the source is done. Ids whose appeal has expired are skipped.
     */
    private CompletionStage<AppealPage> collect(
            Source source, Predicate<AppealRecord> rest, AppealCursor after, int limit, List<Shown> acc, int rounds) {
        return source.next(after, limit + 1 - acc.size())
                .thenCompose(batch -> read(batch.hits()).thenCompose(rs -> {
                    for (int i = 0; i < rs.size(); i++) {
                        Optional<AppealRecord> r = rs.get(i);
                        if (r.isPresent() && rest.test(r.get())) {
                            acc.add(new Shown(r.get(), batch.hits().get(i)));
                        }
                    }
                    if (acc.size() > limit || batch.done() || batch.last() == null) {
                        List<Shown> items = acc.subList(0, Math.min(limit, acc.size()));
                        AppealCursor next = acc.size() > limit ? items.getLast().cursor() : null;
                        return CompletableFuture.completedStage(page(items, next));
                    }
                    if (rounds >= MAX_ROUNDS) {
                        // Long runs of candidates the other filters refuse: stop and hand out where to go on.
                        return CompletableFuture.completedStage(page(acc, batch.last()));
                    }
                    return collect(source, rest, batch.last(), limit, acc, rounds + 1);
                }));
    }

    private record Shown(AppealRecord record, Hit hit) {
        AppealCursor cursor() {
            return new AppealCursor(hit.ms(), hit.id());
        }
    }

    private static AppealPage page(List<Shown> shown, AppealCursor next) {
        return new AppealPage(shown.stream().map(Shown::record).toList(), next, List.of());
    }

    private CompletionStage<List<Optional<AppealRecord>>> read(List<Hit> hits) {
        List<CompletableFuture<Optional<AppealRecord>>> reads = hits.stream()
                .map(h -> appeals.byId(h.id()).toCompletableFuture())
                .toList();
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
                .thenApply(v -> reads.stream().map(CompletableFuture::join).toList());
    }
}
