package cn.jiesu.ivr.ami;

import cn.jiesu.ivr.call.CallEvent;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Matches OriginateResponse events to pending Originates by ActionID (never by Uniqueid: a failed Originate reports
 * {@code Uniqueid: <unknown>}). The response may arrive before the action's own "successfully queued" reply, so a
 * request is registered before it is sent. Results are completed on {@code completer}, never on the thread that
 * delivers the event. Thread-safe.
 */
final class OriginateCorrelator {
    private record Pending(String channelId, CompletableFuture<OriginateResult> result) {}

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Executor completer;

    OriginateCorrelator(Executor completer) {
        this.completer = completer;
    }

    /** Registers {@code actionId}; the stage ends UNKNOWN if nothing arrives within {@code wait}. */
    CompletableFuture<OriginateResult> expect(String actionId, String channelId, Duration wait) {
        CompletableFuture<OriginateResult> result = new CompletableFuture<>();
        pending.put(actionId, new Pending(channelId, result));
        CompletableFuture.delayedExecutor(wait.toMillis(), TimeUnit.MILLISECONDS, completer)
                .execute(() -> finish(
                        actionId,
                        OriginateOutcome.UNKNOWN,
                        -1,
                        null,
                        "no OriginateResponse within " + wait.toSeconds() + " s"));
        return result;
    }

    void responded(CallEvent.OriginateResponded r) {
        if (r.actionId() != null) {
            completer.execute(() ->
                    finish(r.actionId(), OriginateOutcome.of(r.success(), r.reason()), r.reason(), r.uniqueid(), null));
        }
    }

    /** Asterisk answered the action itself with an error: there will be no OriginateResponse. */
    void rejected(String actionId, String message) {
        completer.execute(() -> finish(actionId, OriginateOutcome.REJECTED, -1, null, message));
    }

    /** The action itself went unanswered: Asterisk may or may not have placed the call. */
    void unknown(String actionId, String message) {
        completer.execute(() -> finish(actionId, OriginateOutcome.UNKNOWN, -1, null, message));
    }

    /** The session dropped: responses still pending may be lost in the gap. */
    void sessionLost() {
        for (String actionId : pending.keySet()) {
            completer.execute(() -> finish(
                    actionId, OriginateOutcome.UNKNOWN, -1, null, "AMI session dropped before the OriginateResponse"));
        }
    }

    int pending() {
        return pending.size();
    }

    private void finish(String actionId, OriginateOutcome outcome, int reason, String uniqueid, String message) {
        Pending p = pending.remove(actionId);
        if (p != null) {
            p.result().complete(new OriginateResult(actionId, p.channelId(), outcome, reason, uniqueid, message));
        }
    }
}
