package cn.jiesu.redis.raw;

import cn.jiesu.core.raw.RawPayload;
import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.StoreFailures;
import io.lettuce.core.SetArgs;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The raw payloads of channel requests on Redis: one string per body under {@code <prefix>raw/sha256/<hex>},
 * written with a single {@code SET NX PX} (atomic, no script, one round trip), expiring after the retention. The
 * value is a small line format, one {@code name=base64(value)} per line: {@code sha256}, {@code channel},
 * {@code storedAt}, {@code body}, {@code decrypted} (encrypted channels), {@code h.<header>} and {@code q.<param>}.
 * Content addressing makes retries free: the same bytes map to the same key and the first copy stays.
 *
 * <p>Thread-safe and non-blocking; failed stages carry an {@link cn.jiesu.core.appeal.AppealStoreException}.
 * Commands go on the shared connection in call order, so a payload stored before an append is written first.
 */
public final class RawPayloadStore {
    private static final Base64.Encoder B64 = Base64.getEncoder();

    private final RedisClients clients;
    private final String prefix;
    private final long retentionMillis;
    private final Clock clock;
    private final StoreFailures failures;

    public RawPayloadStore(RedisClients clients, String keyPrefix, Duration retention, Clock clock) {
        if (retention == null || retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention: must be positive");
        }
        this.clients = clients;
        this.prefix = keyPrefix;
        this.retentionMillis = retention.toMillis();
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
    public CompletionStage<Boolean> store(StoredPayload stored) {
        RawPayload payload = stored.payload();
        StringBuilder v = new StringBuilder(payload.body().length * 4 / 3 + 256);
        line(v, "sha256", payload.sha256());
        line(v, "channel", stored.channel());
        line(v, "storedAt", clock.instant().toString());
        v.append("body=").append(B64.encodeToString(payload.body())).append('\n');
        if (payload.decrypted() != null) {
            v.append("decrypted=")
                    .append(B64.encodeToString(payload.decrypted()))
                    .append('\n');
        }
        payload.headers().forEach((k, x) -> line(v, "h." + k, x));
        payload.query().forEach((k, x) -> line(v, "q." + k, x));
        CompletionStage<String> run;
        try {
            run = clients.shared()
                    .async()
                    .set(key(payload.ref()), v.toString(), SetArgs.Builder.nx().px(retentionMillis));
        } catch (RuntimeException e) {
            run = CompletableFuture.failedStage(e);
        }
        return failures.settle(run.thenApply("OK"::equals));
    }

    /** The payload kept under {@code ref}, if it has not expired. */
    public CompletionStage<Optional<StoredPayload>> get(String ref) {
        String key = key(ref);
        return failures.settle(clients.shared().async().get(key).thenApply(v -> decode(ref, v)));
    }

    private static void line(StringBuilder out, String name, String value) {
        out.append(name)
                .append('=')
                .append(B64.encodeToString(value.getBytes(StandardCharsets.UTF_8)))
                .append('\n');
    }

    private static Optional<StoredPayload> decode(String ref, String value) {
        if (value == null) {
            return Optional.empty();
        }
        Base64.Decoder d = Base64.getDecoder();
        Map<String, byte[]> f = new HashMap<>();
        for (String l : value.split("\n")) {
            int eq = l.indexOf('=');
            if (eq > 0) {
                f.put(l.substring(0, eq), d.decode(l.substring(eq + 1)));
            }
        }
        Map<String, String> headers = new HashMap<>();
        Map<String, String> query = new HashMap<>();
        f.forEach((k, x) -> {
            if (k.startsWith("h.")) {
                headers.put(k.substring(2), text(x));
            } else if (k.startsWith("q.")) {
                query.put(k.substring(2), text(x));
            }
        });
        RawPayload payload = new RawPayload(
                ref, text(f.get("sha256")), f.getOrDefault("body", new byte[0]), headers, query, f.get("decrypted"));
        return Optional.of(new StoredPayload(
                payload,
                f.containsKey("channel") ? text(f.get("channel")) : "unknown",
                f.containsKey("storedAt") ? Instant.parse(text(f.get("storedAt"))) : null));
    }

    private static String text(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }
}
