package cn.jiesu.callbacks;

import cn.jiesu.core.callback.AttemptProbe;
import cn.jiesu.core.callback.CallbackAttempt;
import cn.jiesu.core.callback.CallbackOutcome;
import cn.jiesu.core.callback.Dialer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A telephony side for scheduler tests, shared by every scheduler instance like a real PBX: it counts dials per
 * callback, tracks concurrent calls (the trunk cap check), answers probes from what it saw, and plays scripted
 * outcomes per number. Calls to a held number stay up until released.
 */
final class SimTelephony implements Dialer, AttemptProbe {
    private final Duration callTime;
    private final Map<String, Deque<CallbackOutcome>> scripts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> dialsPerCallback = new ConcurrentHashMap<>();
    private final Set<String> started = ConcurrentHashMap.newKeySet();
    private final Map<String, CallbackOutcome> ended = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> held = new ConcurrentHashMap<>();
    private final AtomicInteger concurrent = new AtomicInteger();
    private final AtomicInteger maxConcurrent = new AtomicInteger();

    SimTelephony(Duration callTime) {
        this.callTime = callTime;
    }

    /** The outcomes the number's next calls end with, in order; afterwards ANSWERED. */
    void script(String number, CallbackOutcome... outcomes) {
        scripts.put(number, new ArrayDeque<>(java.util.List.of(outcomes)));
    }

    /** Calls to this number stay up until {@link #release}. */
    void hold(String number) {
        held.put(number, new CompletableFuture<>());
    }

    void release(String number) {
        held.get(number).complete(null);
    }

    @Override
    public CompletionStage<CallbackOutcome> dial(CallbackAttempt a) {
        if (!started.add(a.channelId())) {
            throw new IllegalStateException("ChannelId used twice: " + a.channelId());
        }
        dialsPerCallback
                .computeIfAbsent(a.callbackId(), k -> new AtomicInteger())
                .incrementAndGet();
        int now = concurrent.incrementAndGet();
        maxConcurrent.accumulateAndGet(now, Math::max);
        Deque<CallbackOutcome> script = scripts.get(a.number());
        CallbackOutcome outcome;
        synchronized (this) {
            outcome = script == null || script.isEmpty() ? CallbackOutcome.ANSWERED : script.poll();
        }
        CompletableFuture<Void> hold = held.getOrDefault(a.number(), CompletableFuture.completedFuture(null));
        return hold.thenCompose(v -> CompletableFuture.supplyAsync(
                        () -> outcome, CompletableFuture.delayedExecutor(callTime.toMillis(), TimeUnit.MILLISECONDS)))
                .thenApply(o -> {
                    concurrent.decrementAndGet();
                    ended.put(a.channelId(), o);
                    return o;
                });
    }

    @Override
    public CompletionStage<ProbeResult> probe(CallbackAttempt attempt) {
        String channelId = attempt.channelId();
        CallbackOutcome o = ended.get(channelId);
        if (o != null) {
            return CompletableFuture.completedFuture(new ProbeResult.Ended(o));
        }
        return CompletableFuture.completedFuture(
                started.contains(channelId) ? new ProbeResult.InProgress() : new ProbeResult.NeverStarted());
    }

    Map<String, Integer> dialsPerCallback() {
        Map<String, Integer> out = new ConcurrentHashMap<>();
        dialsPerCallback.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    int dials() {
        return started.size();
    }

    int maxConcurrent() {
        return maxConcurrent.get();
    }

    int concurrent() {
        return concurrent.get();
    }
}
