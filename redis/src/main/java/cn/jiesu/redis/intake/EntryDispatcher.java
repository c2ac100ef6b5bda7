package cn.jiesu.redis.intake;

import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.intake.IntakeCodec;
import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.StoreFailures;
import io.lettuce.core.StreamMessage;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to one delivered entry: decode and hand to the {@link IntakeHandler}, then XACK on success; or, when
 * it was delivered more than {@code maxDeliveries} times or does not decode, move it to the dead-letter stream.
 * Remembers the last handler error per entry so the dead-letter entry can say why. Thread-safe.
 */
final class EntryDispatcher {
    private static final Logger log = LoggerFactory.getLogger(EntryDispatcher.class);
    private static final int MAX_REMEMBERED_ERRORS = 10_000;

    private final RedisClients clients;
    private final String stream;
    private final String group;
    private final String name;
    private final int maxDeliveries;
    private final IntakeHandler handler;
    private final DeadLetters deadLetters;
    private final GroupMeters meters;
    private final Map<String, String> lastErrors = new ConcurrentHashMap<>();

    EntryDispatcher(
            RedisClients clients,
            String stream,
            String group,
            String name,
            int maxDeliveries,
            IntakeHandler handler,
            DeadLetters deadLetters,
            GroupMeters meters) {
        this.clients = clients;
        this.stream = stream;
        this.group = group;
        this.name = name;
        this.maxDeliveries = maxDeliveries;
        this.handler = handler;
        this.deadLetters = deadLetters;
        this.meters = meters;
    }

    /** Completes when the entry is acknowledged, left pending after a failure, or dead-lettered. */
    CompletionStage<?> dispatch(StreamMessage<String, String> m, long count) {
        String id = m.getId();
        Map<String, String> body = m.getBody();
        if (body == null || body.isEmpty()) {
            // The entry was deleted while pending: nothing to handle, just let go of it.
            return clients.shared().async().xack(stream, group, id);
        }
        if (count > maxDeliveries) {
            return deadLetter(id, body, count, lastErrors.getOrDefault(id, "delivered " + count + " times"));
        }
        Intake intake;
        try {
            intake = IntakeCodec.fromFields(body);
        } catch (IllegalArgumentException e) {
            return deadLetter(id, body, count, "undecodable: " + e.getMessage());
        }
        CompletionStage<Void> handled;
        try {
            handled = handler.handle(new IntakeEntry(id, intake, count));
            if (handled == null) {
                handled = CompletableFuture.failedStage(new IllegalStateException("handler returned null"));
            }
        } catch (RuntimeException e) {
            handled = CompletableFuture.failedStage(e);
        }
        return handled.thenCompose(v -> clients.shared().async().xack(stream, group, id))
                .whenComplete((n, e) -> {
                    if (e == null) {
                        meters.handled(true);
                        lastErrors.remove(id);
                    } else {
                        meters.handled(false);
                        remember(id, e);
                        log.warn(
                                "intake consumer {}/{}: entry {} (intake {}) failed on delivery {}: {}",
                                group,
                                name,
                                id,
                                intake.intakeId(),
                                count,
                                describe(e));
                    }
                });
    }

    private CompletionStage<?> deadLetter(String id, Map<String, String> body, long count, String error) {
        return deadLetters.move(group, name, id, body, count, error).whenComplete((deadId, e) -> {
            if (e == null) {
                meters.deadLettered();
                lastErrors.remove(id);
                log.warn(
                        "intake consumer {}/{}: entry {} moved to the dead-letter stream as {} after {} deliveries",
                        group,
                        name,
                        id,
                        deadId,
                        count);
            } else {
                log.warn("intake consumer {}/{}: could not dead-letter entry {}: {}", group, name, id, describe(e));
            }
        });
    }

    private void remember(String id, Throwable e) {
        if (lastErrors.size() >= MAX_REMEMBERED_ERRORS) {
            lastErrors.clear(); // the error text is a courtesy for the dead-letter entry, never worth unbounded memory
        }
        lastErrors.put(id, describe(e));
    }

    /** Class and message of a failure, wrappers stripped, for logs and dead-letter entries. */
    static String describe(Throwable e) {
        Throwable t = StoreFailures.unwrap(e);
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
