package cn.jiesu.redis.history;

import cn.jiesu.redis.RedisClients;
import io.lettuce.core.ExpireArgs;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Which old-system appeals {@code jiesu import-history} has counted: the case numbers in 1,024 sets, {@code
 * <prefix>import:seen:{0..1023}} by the number's hash, so a re-run, a second file overlapping the first, or the same
 * number exported again with another time counts nothing twice. A set lives as long as the longest-kept counts of its
 * appeals (the caller gives each appeal's expiry; a set's is only ever pushed later), since a marker that went first
 * would let a re-run count its appeals again. The live stream's markers (hs:seen, problems:seen) last only days, too
 * short for history. Thread-safe, non-blocking.
 */
public final class ImportedAppeals {
    private final RedisClients clients;
    private final String prefix;

    /** Sets the case numbers are spread over: a few thousand to tens of thousands each for a big city's years. */
    static final int BUCKETS = 1024;

    /** One appeal to mark: its case number, and until when its counts are kept (its marker must last as long). */
    public record Claim(String id, Instant expiresAt) {}

    public ImportedAppeals(RedisClients clients, String keyPrefix) {
        this.clients = clients;
        this.prefix = keyPrefix + "import:seen:";
    }

    /** The set that holds a case number: String.hashCode is specified, so every run and version agrees. */
    public String key(String id) {
        return prefix + Math.floorMod(id.hashCode(), BUCKETS);
    }

    /**
     * Marks the appeals, sent together (one pipeline): per claim, in order, true when this call marked it (count it
     * now), false when it was imported before or earlier in the same list.
     */
    public CompletionStage<List<Boolean>> claim(List<Claim> claims) {
        RedisAsyncCommands<String, String> c = clients.shared().async();
        List<CompletableFuture<Long>> added = new ArrayList<>(claims.size());
        Map<String, Instant> expiries = new HashMap<>();
        for (Claim claim : claims) {
            String k = key(claim.id());
            added.add(c.sadd(k, claim.id()).toCompletableFuture());
            expiries.merge(k, claim.expiresAt(), (a, b) -> a.isAfter(b) ? a : b);
        }
        List<RedisFuture<Boolean>> expired = new ArrayList<>(expiries.size());
        // An expiry is only ever pushed later (GT, or NX on a set without one): a run with a shorter retention
        // must not make a day forget markers that the counts of an earlier run outlive.
        expiries.forEach((k, at) -> expired.add(c.pexpireat(k, at.toEpochMilli(), ExpireArgs.Builder.gt())));
        expiries.forEach((k, at) -> expired.add(c.pexpireat(k, at.toEpochMilli(), ExpireArgs.Builder.nx())));
        CompletableFuture<List<Boolean>> out = CompletableFuture.allOf(added.toArray(CompletableFuture[]::new))
                .thenCompose(v -> CompletableFuture.allOf(
                        expired.stream().map(RedisFuture::toCompletableFuture).toArray(CompletableFuture[]::new)))
                .thenApply(v -> added.stream().map(f -> f.join() == 1L).toList());
        return clients.failures().settle(out);
    }

    /** Takes the marks back after counting them failed, so a re-run counts them. */
    public CompletionStage<Long> release(List<Claim> claims) {
        RedisAsyncCommands<String, String> c = clients.shared().async();
        List<CompletableFuture<Long>> removed = new ArrayList<>(claims.size());
        for (Claim claim : claims) {
            removed.add(c.srem(key(claim.id()), claim.id()).toCompletableFuture());
        }
        return clients.failures()
                .settle(CompletableFuture.allOf(removed.toArray(CompletableFuture[]::new))
                        .thenApply(v -> removed.stream()
                                .mapToLong(CompletableFuture::join)
                                .sum()));
    }
}
