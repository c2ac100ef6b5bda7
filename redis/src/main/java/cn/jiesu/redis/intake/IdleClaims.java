package cn.jiesu.redis.intake;

import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.models.stream.ClaimedMessages;
import io.lettuce.core.models.stream.PendingMessage;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Claims, for one consumer, the entries of its group that have been pending longer than the reclaim idle time
 * (XAUTOCLAIM, one page per call, resuming where the last page ended), and reads how often each was delivered
 * (XPENDING, extended form): XAUTOCLAIM itself does not say. Used from the consumer's loop thread only.
 */
final class IdleClaims {
    /** Claimed entries with their delivery counts, this claim included. */
    record Page(List<StreamMessage<String, String>> messages, Map<String, Long> deliveries, boolean last) {}

    private final String stream;
    private final Consumer<String> consumer;
    private final Duration minIdle;
    private final int count;
    private String cursor = "0-0";

    IdleClaims(String stream, String group, String consumerName, Duration minIdle, int count) {
        this.stream = stream;
        this.consumer = Consumer.from(group, consumerName);
        this.minIdle = minIdle;
        this.count = count;
    }

    /** The next page; {@code last} when the scan has wrapped to the start of the pending list. */
    CompletionStage<Page> next(RedisAsyncCommands<String, String> c) {
        XAutoClaimArgs<String> args =
                XAutoClaimArgs.Builder.xautoclaim(consumer, minIdle, cursor).count(count);
        return c.xautoclaim(stream, args).thenCompose(claimed -> {
            cursor = claimed.getId();
            boolean last = "0-0".equals(cursor);
            List<StreamMessage<String, String>> messages = claimed.getMessages();
            if (messages.isEmpty()) {
                return CompletableFuture.completedStage(new Page(List.of(), Map.of(), last));
            }
            return deliveries(c, claimed).thenApply(d -> new Page(messages, d, last));
        });
    }

    private CompletionStage<Map<String, Long>> deliveries(
            RedisAsyncCommands<String, String> c, ClaimedMessages<String, String> claimed) {
        List<StreamMessage<String, String>> m = claimed.getMessages();
        Range<String> range = Range.create(m.getFirst().getId(), m.getLast().getId());
        // This consumer may hold other entries in the same id range; ask for enough to see all claimed ones.
        Limit limit = Limit.from(Math.max(m.size(), count) * 2L);
        return c.xpending(stream, consumer, range, limit).thenApply(pending -> {
            Map<String, Long> out = new HashMap<>();
            for (PendingMessage p : pending) {
                out.put(p.getId(), p.getRedeliveryCount());
            }
            return out;
        });
    }
}
