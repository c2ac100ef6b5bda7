package cn.jiesu.redis.raw;

import cn.jiesu.redis.LuaScript;
import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.StoreFailures;
import io.lettuce.core.ScriptOutputType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The raw payloads of channel requests on Redis: one hash per body under {@code <prefix>raw/sha256/<hex>} with the
 * body (base64), the kept headers ({@code h.<name>}) and query parameters ({@code q.<name>}), the decrypted
 * plaintext, the sha256 and the time stored, expiring after the retention. Content addressing makes retries free:
 * the same bytes map to the same key, and the first copy stays.
 *
 * <p>Thread-safe and non-blocking; failed stages carry an {@link cn.jiesu.core.appeal.AppealStoreException}.
 * Commands go on the shared connection in call order, so a payload stored before an append is written first.
 */
public final class RawPayloadStore {
    private static final LuaScript STORE = LuaScript.load(RawPayloadStore.class, "store-raw.lua");
    private static final Base64.Encoder B64 = Base64.getEncoder();

    private final RedisClients clients;
    private final String prefix;
    private final String retentionMillis;
    private final Clock clock;
    private final StoreFailures failures;

    public RawPayloadStore(RedisClients clients, String keyPrefix, Duration retention, Clock clock) {
        if (retention == null || retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention: must be positive");
        }
        this.clients = clients;
        this.prefix = keyPrefix;
        this.retentionMillis = Long.toString(retention.toMillis());
        this.clock = clock;
        this.failures = clients.failures();
    }

    /** The Redis key of a reference ({@code raw/sha256/<hex>}). */
    public String key(String ref) {
        if (ref == null || !ref.matches("raw/sha256/[0-9a-f]{64}")) {
            throw new IllegalArgumentException("ref: expected raw/sha256/<64 hex digits>");
        }
        return prefix + ref;
    }

    /** Stores {@code payload} unless its body is already kept; true when this call stored it. */
    public CompletionStage<Boolean> store(StoredPayload payload) {
        List<String> args = new ArrayList<>(List.of(retentionMillis,
                "sha256", payload.sha256(),
                "channel", payload.channel(),
                "body", B64.encodeToString(payload.body()),
                "storedAt", clock.instant().toString()));
        if (payload.decrypted() != null) {
            args.add("decrypted");
            args.add(B64.encodeToString(payload.decrypted()));
        }
        payload.headers().forEach((k, v) -> {
            args.add("h." + k);
            args.add(v);
        });
        payload.query().forEach((k, v) -> {
            args.add("q." + k);
            args.add(v);
        });
        CompletionStage<Long> run;
        try {
            run = STORE.run(clients.shared().async(), ScriptOutputType.INTEGER, new String[] {key(payload.ref())},
                    args.toArray(String[]::new));
        } catch (RuntimeException e) {
            run = CompletableFuture.failedStage(e);
        }
        return failures.settle(run.thenApply(n -> n == 1L));
    }

    /** The payload kept under {@code ref}, if it has not expired. */
    public CompletionStage<Optional<StoredPayload>> get(String ref) {
        String key = key(ref);
        return failures.settle(clients.shared().async().hgetall(key).thenApply(f -> decode(ref, f)));
    }

    private static Optional<StoredPayload> decode(String ref, Map<String, String> f) {
        if (f == null || f.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> headers = new HashMap<>();
        Map<String, String> query = new HashMap<>();
        f.forEach((k, v) -> {
            if (k.startsWith("h.")) {
                headers.put(k.substring(2), v);
            } else if (k.startsWith("q.")) {
                query.put(k.substring(2), v);
            }
        });
        Base64.Decoder d = Base64.getDecoder();
        return Optional.of(new StoredPayload(ref, f.get("sha256"), f.getOrDefault("channel", "unknown"),
                d.decode(f.getOrDefault("body", "")), headers, query,
                f.containsKey("decrypted") ? d.decode(f.get("decrypted")) : null,
                f.containsKey("storedAt") ? Instant.parse(f.get("storedAt")) : null));
    }
}
