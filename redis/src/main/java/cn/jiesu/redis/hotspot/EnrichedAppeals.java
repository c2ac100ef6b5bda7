package cn.jiesu.redis.hotspot;

import cn.jiesu.core.appeal.AppealStoreException;
import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.StoreFailures;
import cn.jiesu.redis.intake.StreamGroups;
import io.lettuce.core.Consumer;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XReadArgs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Phone appeals an agent's form gave text to, on whichever instance the agent is signed in: the detecting instance
 * (which alone has the windows) counts them. A stream with one group; an entry is acknowledged once its appeal is in
 * the observation log, and one a failed holder left unacknowledged is claimed by the next after a while. Blocking
 * reads; thread-safe.
 */
public final class EnrichedAppeals {
    static final String GROUP = "hotspots";
    private static final Duration CLAIM_IDLE = Duration.ofSeconds(30);
    private static final long MAX_LEN = 100_000;

    private final RedisClients clients;
    private final String stream;
    private final long timeoutMillis;
    private volatile boolean grouped;

    /** One enriched appeal to count: the stream entry and the intake id. */
    public record Enriched(String entryId, String intakeId) {}

    public EnrichedAppeals(RedisClients clients, HotspotKeys keys) {
        this.clients = clients;
        this.stream = keys.enriched();
        this.timeoutMillis = clients.config().commandTimeout().toMillis() * 2;
    }

    /** Asks the detecting instance to count the enriched appeal. */
    public CompletionStage<String> announce(String intakeId) {
        return clients.failures()
                .settle(clients.shared()
                        .async()
                        .xadd(stream, XAddArgs.Builder.maxlen(MAX_LEN).approximateTrimming(), "i", intakeId));
    }

    /** Up to {@code count} appeals to count: first those another consumer left idle, then new ones. */
    public List<Enriched> take(String consumer, int count) {
        try {
            return read(consumer, count);
        } catch (AppealStoreException e) {
            if (!(e.getCause() instanceof RedisCommandExecutionException r
                    && "NOGROUP".equals(StoreFailures.errorCode(r)))) {
                throw e;
            }
            grouped = false; // the stream or its group was deleted (an operator, FLUSHDB): make them again
            return read(consumer, count);
        }
    }

    private List<Enriched> read(String consumer, int count) {
        if (!grouped) {
            clients.failures().await(new StreamGroups(clients, stream).create(GROUP), timeoutMillis);
            grouped = true;
        }
        List<Enriched> out = new ArrayList<>();
        var claimed = clients.failures()
                .await(
                        clients.shared()
                                .async()
                                .xautoclaim(
                                        stream,
                                        XAutoClaimArgs.Builder.xautoclaim(
                                                        Consumer.from(GROUP, consumer), CLAIM_IDLE, "0-0")
                                                .count(count)),
                        timeoutMillis);
        add(claimed.getMessages(), out);
        if (out.size() < count) {
            List<StreamMessage<String, String>> fresh = clients.failures()
                    .await(
                            clients.shared()
                                    .async()
                                    .xreadgroup(
                                            Consumer.from(GROUP, consumer),
                                            XReadArgs.Builder.count(count - out.size()),
                                            XReadArgs.StreamOffset.lastConsumed(stream)),
                            timeoutMillis);
            add(fresh, out);
        }
        return out;
    }

    private static void add(List<StreamMessage<String, String>> messages, List<Enriched> out) {
        for (StreamMessage<String, String> m : messages) {
            String id = m.getBody() == null ? null : m.getBody().get("i");
            out.add(new Enriched(m.getId(), id == null ? "" : id));
        }
    }

    /** Marks the entries counted. */
    public void done(List<Enriched> entries) {
        if (!entries.isEmpty()) {
            clients.failures()
                    .await(
                            clients.shared()
                                    .async()
                                    .xack(
                                            stream,
                                            GROUP,
                                            entries.stream()
                                                    .map(Enriched::entryId)
                                                    .toArray(String[]::new)),
                            timeoutMillis);
        }
    }
}
