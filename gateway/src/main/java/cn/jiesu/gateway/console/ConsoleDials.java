package cn.jiesu.gateway.console;

import cn.jiesu.core.callback.CallbackOutcome;
import cn.jiesu.ivr.call.CallEvent;
import cn.jiesu.ivr.call.CallEventSink;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Follows click-to-call calls on the AMI event stream, keyed by the call's ChannelId (the Uniqueid of the channel
 * that, once the agent answered, runs the dial context): the Dial it places to the citizen ends with a DialEnd whose
 * caller Uniqueid is that ChannelId and whose DialStatus is the citizen's outcome. A Hangup of that channel before
 * any DialEnd means the citizen was never dialled (the agent hung up first, or the dialplan had no route).
 *
 * <p>Threading: {@link #apply} and {@link #tick} run on the AMI connector's consumer thread; {@link #expect} and
 * {@link #forget} on any thread.
 */
public final class ConsoleDials implements CallEventSink {
    private final Map<String, CompletableFuture<DialResult>> waiting = new ConcurrentHashMap<>();
    private final Duration maxWait;

    /** @param maxWait a dial with no result after this is given up (FAILED, not counted as dialled) */
    public ConsoleDials(Duration maxWait) {
        this.maxWait = maxWait;
    }

    /** Registers a dial before its Originate is sent, so no event of it can be missed. */
    CompletionStage<DialResult> expect(String channelId) {
        CompletableFuture<DialResult> f = new CompletableFuture<DialResult>()
                .completeOnTimeout(new DialResult(CallbackOutcome.FAILED, false), maxWait.toMillis(),
                        TimeUnit.MILLISECONDS);
        waiting.put(channelId, f);
        f.whenComplete((r, e) -> waiting.remove(channelId, f));
        return f;
    }

    /** The Originate settled the dial by itself (the agent leg failed). */
    void forget(String channelId, DialResult result) {
        CompletableFuture<DialResult> f = waiting.remove(channelId);
        if (f != null) {
            f.complete(result);
        }
    }

    @Override
    public void apply(CallEvent event) {
        if (waiting.isEmpty()) {
            return;
        }
        switch (event) {
            case CallEvent.DialEnded d when d.callerUniqueid() != null && waiting.containsKey(d.callerUniqueid()) ->
                    complete(d.callerUniqueid(), new DialResult(dialOutcome(d.dialStatus()), true));
            case CallEvent.HungUp h when waiting.containsKey(h.channel().uniqueid()) ->
                    complete(h.channel().uniqueid(), new DialResult(CallbackOutcome.FAILED, false));
            default -> {
            }
        }
    }

    @Override
    public void tick() {
        // nothing time-driven: each dial's wait ends by its own timeout
    }

    /** A sink for the AMI connector that feeds {@code first} and then this, on the connector's consumer thread. */
    public CallEventSink behind(CallEventSink first) {
        ConsoleDials self = this;
        return new CallEventSink() {
            @Override
            public void apply(CallEvent event) {
                first.apply(event);
                self.apply(event);
            }

            @Override
            public void tick() {
                first.tick();
                self.tick();
            }
        };
    }

    private void complete(String channelId, DialResult result) {
        CompletableFuture<DialResult> f = waiting.remove(channelId);
        if (f != null) {
            f.complete(result);
        }
    }

    /** Dial()'s DIALSTATUS as the citizen's outcome, as the callback dialer maps it. */
    static CallbackOutcome dialOutcome(String status) {
        return switch (status == null ? "" : status) {
            case "ANSWER" -> CallbackOutcome.ANSWERED;
            case "BUSY" -> CallbackOutcome.BUSY;
            case "NOANSWER", "CANCEL" -> CallbackOutcome.NO_ANSWER;
            case "CONGESTION", "CHANUNAVAIL" -> CallbackOutcome.CONGESTION;
            default -> CallbackOutcome.FAILED;
        };
    }
}
