package cn.jiesu.redis.history;

import cn.jiesu.redis.RedisClients;
import io.lettuce.core.ExpireArgs;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Which old-system appeals {@code jiesu import-history} has counted: one set per day received, {@code
 * <prefix>import:seen:{yyyyMMdd}} holding the case numbers, so a re-run (or a second file overlapping the first)
 * counts nothing twice. A day's set lives as long as the counts it guards (the caller gives the expiry: the
 * problems month's), since a marker that went first would let a re-run count its appeals again. The live stream's
 * markers (hs:seen, problems:seen) last only days, too short for history. Thread-safe, non-blocking.
 */
public final class ImportedAppeals {
    private final RedisClients clients;
    private final String prefix;

    /** One appeal to mark: its case number, the day it was received (local), when its day's set may go. */
    public record Claim(String id, LocalDate day, Instant expiresAt) {}

    public ImportedAppeals(RedisClients clients, String keyPrefix) {
        this.clients = clients;
        this.prefix = keyPrefix + "import:seen:";
    }

    public String key(LocalDate day) {
        return prefix + DateTimeFormatter.BASIC_ISO_DATE.format(day);
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
            String k = key(claim.day());
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
            removed.add(c.srem(key(claim.day()), claim.id()).toCompletableFuture());
        }
        return clients.failures()
                .settle(CompletableFuture.allOf(removed.toArray(CompletableFuture[]::new))
                        .thenApply(v -> removed.stream()
                                .mapToLong(CompletableFuture::join)
                                .sum()));
    }
}
