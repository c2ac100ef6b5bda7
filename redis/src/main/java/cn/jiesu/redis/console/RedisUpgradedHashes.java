package cn.jiesu.redis.console;

import cn.jiesu.core.console.UpgradedHashes;
import cn.jiesu.redis.RedisClients;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * {@link UpgradedHashes} on Redis: {@code upgraded-hash:{ext}} holds {@code hash} (the upgrade) and {@code of}, the
 * SHA-256 of the configured hash it replaces, so the configured hash itself is not copied into Redis and a new one
 * in the config no longer matches. Kept without expiry, like accounts.
 */
public final class RedisUpgradedHashes implements UpgradedHashes {
    private final RedisClients clients;
    private final ConsoleKeys keys;

    public RedisUpgradedHashes(RedisClients clients, ConsoleKeys keys) {
        this.clients = clients;
        this.keys = keys;
    }

    @Override
    public CompletionStage<Optional<String>> find(String ext, String configured) {
        return clients.failures()
                .settle(clients.shared()
                        .async()
                        .hgetall(keys.upgradedHash(ext))
                        .thenApply(f -> f != null && fingerprint(configured).equals(f.get("of"))
                                ? Optional.ofNullable(f.get("hash"))
                                : Optional.empty()));
    }

    @Override
    public CompletionStage<Void> store(String ext, String configured, String upgraded) {
        return clients.failures()
                .settle(clients.shared()
                        .async()
                        .hset(keys.upgradedHash(ext), Map.of("of", fingerprint(configured), "hash", upgraded))
                        .thenApply(n -> null));
    }

    private static String fingerprint(String hash) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(hash.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
