package cn.jiesu.callbacks;

import cn.jiesu.core.callback.AttemptProbe;
import cn.jiesu.core.callback.CallbackAttempt;
import cn.jiesu.core.callback.CallbackOutcome;
import cn.jiesu.ivr.ami.OriginateOutcome;
import cn.jiesu.ivr.ami.OriginateRequest;
import cn.jiesu.ivr.call.CallEvent;
import cn.jiesu.ivr.call.CallEventSink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The one watcher of our outbound calls on the AMI event stream: callback attempts and the console's click-to-call.
 * Both map how a call ended the same way ({@link #outcome} for the Originate, {@link #dialOutcome} for a Dial).
 *
 * <p>Callback attempts (every instance sees every call, its own and other instances'), keyed by the attempt's
 * ChannelId ({@code jiesu-ob-cb-<id>-<n>}, the Linkedid of all its channels): which exist now, how each ended, and
 * when our history of events is complete. From that it tells {@link AmiDialer} when a call hung up (the trunk is free)
 * and answers the reclaimer's {@link AttemptProbe}: NeverStarted only when no event of the channel was seen and the
 * event history has no gap since the attempt was claimed; otherwise InProgress, Ended or Unknown.
 *
 * <p>Click-to-call ({@link ClickToCall}), keyed by the call's ChannelId ({@code jiesu-ob-console-<dialId>}, the
 * Uniqueid of the channel that, once the agent answered, runs the dial context): the Dial it places to the citizen
 * ends with a DialEnd whose caller Uniqueid is that ChannelId and whose DialStatus is the citizen's outcome. A Hangup
 * of that channel before any DialEnd means the citizen was never dialled (the agent hung up first, or the dialplan had
 * no route).
 *
 * <p>Threading: {@link #apply} and {@link #tick} run on the AMI connector's consumer thread (chain it after the call
 * tracker in the connector's sink); the other methods are thread-safe.
 */
public final class OutboundCalls implements CallEventSink, AttemptProbe {
    /** ChannelIds of callback attempts: the AMI connector's outbound prefix plus the attempt's own id. */
    public static final String PREFIX = OriginateRequest.CHANNEL_ID_PREFIX + "cb-";

    static final int REMEMBERED = 200_000;
    /** A click-to-call whose citizen leg has no result after this is given up (agent ring + citizen ring). */
    static final Duration CLICK_TO_CALL_MAX_WAIT = Duration.ofMinutes(5);

    private final Clock clock;
    private final Map<String, Instant> live = new ConcurrentHashMap<>();
    private final Map<String, CallbackOutcome> ended =
            java.util.Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, CallbackOutcome> e) {
                    return size() > REMEMBERED;
                }
            });
    private final Map<String, CompletableFuture<CallbackOutcome>> waiting = new ConcurrentHashMap<>();
    private final Map<String, Boolean> answered = new ConcurrentHashMap<>();
    /** Agent-first attempts: the citizen's outcome is the DialStatus of the Dial our own channel placed. */
    private final Map<String, CallbackOutcome> agentFirst = new ConcurrentHashMap<>();
    /** Click-to-calls waiting for the citizen leg's result, by ChannelId. */
    private final Map<String, CompletableFuture<DialResult>> dials = new ConcurrentHashMap<>();

    private final Duration dialMaxWait;
    /** Events are known complete from this instant on (the last reconcile mark); null before the first. */
    private volatile Instant completeSince;

    private volatile Instant oldestForgotten = Instant.MIN;

    public OutboundCalls(Clock clock) {
        this(clock, CLICK_TO_CALL_MAX_WAIT);
    }

    /** @param dialMaxWait a click-to-call with no result after this is given up (FAILED, not counted as dialled) */
    public OutboundCalls(Clock clock, Duration dialMaxWait) {
        this.clock = clock;
        this.dialMaxWait = dialMaxWait;
    }

    /** The AMI ChannelId of an attempt. */
    public static String channelId(CallbackAttempt a) {
        return OriginateRequest.CHANNEL_ID_PREFIX + a.channelId();
    }

    /** Completes with the attempt's outcome once its channel is gone (hung up, or the originate failed). */
    CompletionStage<CallbackOutcome> ended(String channelId) {
        CallbackOutcome done = ended.get(channelId);
        if (done != null) {
            return CompletableFuture.completedFuture(done);
        }
        CompletableFuture<CallbackOutcome> f = waiting.computeIfAbsent(channelId, k -> new CompletableFuture<>());
        done = ended.get(channelId);
        if (done != null) {
            f.complete(done);
        }
        return f;
    }

    /** The originate was answered: the outcome at hangup is ANSWERED. */
    void answered(String channelId) {
        answered.put(channelId, Boolean.TRUE);
    }

    /**
     * The attempt rings an agent first: its originate answers when the agent does, and the citizen's outcome is the
     * DialStatus of the Dial that our channel ({@code callerUniqueid} = the ChannelId) places to the citizen.
     */
    void agentFirst(String channelId) {
        agentFirst.put(channelId, CallbackOutcome.FAILED);
    }

    /** The originate failed before a channel was up: the attempt is over with this outcome. */
    void failed(String channelId, CallbackOutcome outcome) {
        end(channelId, outcome);
    }

    /** Registers a click-to-call before its Originate is sent, so no event of it can be missed. */
    CompletionStage<DialResult> expectDial(String channelId) {
        CompletableFuture<DialResult> f = new CompletableFuture<DialResult>()
                .completeOnTimeout(
                        new DialResult(CallbackOutcome.FAILED, false), dialMaxWait.toMillis(), TimeUnit.MILLISECONDS);
        dials.put(channelId, f);
        f.whenComplete((r, e) -> dials.remove(channelId, f));
        return f;
    }

    /** The Originate settled the click-to-call by itself (the agent leg failed). */
    void dialSettled(String channelId, DialResult result) {
        completeDial(channelId, result);
    }

    @Override
    public void apply(CallEvent event) {
        applyCallback(event);
        if (!dials.isEmpty()) {
            applyDial(event);
        }
    }

    private void applyDial(CallEvent event) {
        switch (event) {
            case CallEvent.DialEnded d
            when d.callerUniqueid() != null && dials.containsKey(d.callerUniqueid()) ->
                completeDial(d.callerUniqueid(), new DialResult(dialOutcome(d.dialStatus()), true));
            case CallEvent.HungUp h
            when dials.containsKey(h.channel().uniqueid()) ->
                completeDial(h.channel().uniqueid(), new DialResult(CallbackOutcome.FAILED, false));
            default -> {}
        }
    }

    private void completeDial(String channelId, DialResult result) {
        CompletableFuture<DialResult> f = dials.remove(channelId);
        if (f != null) {
            f.complete(result);
        }
    }

    private void applyCallback(CallEvent event) {
        switch (event) {
            case CallEvent.OnChannel e
            when e.channel().linkedid().startsWith(PREFIX) -> {
                String id = e.channel().linkedid();
                if (e instanceof CallEvent.DialEnded d && id.equals(d.callerUniqueid()) && agentFirst.containsKey(id)) {
                    agentFirst.put(id, dialOutcome(d.dialStatus()));
                }
                if (e instanceof CallEvent.HungUp && e.channel().uniqueid().equals(id)) {
                    live.remove(id);
                    CallbackOutcome citizen = agentFirst.remove(id);
                    end(
                            id,
                            citizen != null
                                    ? citizen
                                    : answered.containsKey(id) ? CallbackOutcome.ANSWERED : CallbackOutcome.NO_ANSWER);
                } else if (!ended.containsKey(id)) {
                    live.putIfAbsent(id, e.at());
                }
            }
            case CallEvent.OriginateResponded r
            when r.actionId().startsWith(PREFIX) -> {
                if (r.success()) {
                    answered.put(r.actionId(), Boolean.TRUE);
                } else {
                    live.remove(r.actionId());
                    end(r.actionId(), outcome(OriginateOutcome.of(false, r.reason())));
                }
            }
            case CallEvent.ReconcileMark m -> {
                // Events after the mark are complete; a reconnect mark means there was a gap before it.
                if (completeSince == null || !"periodic".equals(m.cause())) {
                    completeSince = m.at();
                }
            }
            case CallEvent.ChannelsListed l -> {
                java.util.Set<String> present = new java.util.HashSet<>();
                l.channels().forEach(c -> present.add(c.channel().linkedid()));
                for (String id : java.util.List.copyOf(live.keySet())) {
                    if (!present.contains(id)) {
                        live.remove(id);
                        end(id, answered.containsKey(id) ? CallbackOutcome.ANSWERED : CallbackOutcome.FAILED);
                    }
                }
                for (String id : present) {
                    if (id.startsWith(PREFIX)) {
                        live.putIfAbsent(id, l.at());
                    }
                }
            }
            case CallEvent.AsteriskShutdown s -> {
                for (String id : java.util.List.copyOf(live.keySet())) {
                    live.remove(id);
                    end(id, answered.containsKey(id) ? CallbackOutcome.ANSWERED : CallbackOutcome.FAILED);
                }
            }
            default -> {}
        }
    }

    @Override
    public void tick() {
        // nothing time-driven: calls end by their Hangup or by a reconcile listing, click-to-calls by their timeout
    }

    @Override
    public CompletionStage<ProbeResult> probe(CallbackAttempt attempt) {
        String id = channelId(attempt);
        CallbackOutcome o = ended.get(id);
        if (o != null) {
            return CompletableFuture.completedFuture(new ProbeResult.Ended(o));
        }
        if (live.containsKey(id)) {
            return CompletableFuture.completedFuture(new ProbeResult.InProgress());
        }
        Instant since = completeSince;
        if (since == null || since.isAfter(attempt.claimedAt()) || !oldestForgotten.isBefore(attempt.claimedAt())) {
            return CompletableFuture.completedFuture(
                    new ProbeResult.Unknown("AMI event history does not cover the attempt since it was claimed"));
        }
        return CompletableFuture.completedFuture(new ProbeResult.NeverStarted());
    }

    /**
     * A sink for the AMI connector that feeds {@code first} (the call tracker) and then this; both run on the
     * connector's consumer thread, as {@link CallEventSink} requires.
     */
    public CallEventSink behind(CallEventSink first) {
        OutboundCalls self = this;
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

    /** Channels of callback attempts up now, all instances. */
    public int live() {
        return live.size();
    }

    private void end(String id, CallbackOutcome outcome) {
        CallbackOutcome first;
        synchronized (ended) {
            first = ended.putIfAbsent(id, outcome);
            if (ended.size() >= REMEMBERED) {
                oldestForgotten = clock.instant();
            }
        }
        answered.remove(id);
        agentFirst.remove(id);
        CompletableFuture<CallbackOutcome> f = waiting.remove(id);
        if (f != null) {
            f.complete(first != null ? first : outcome);
        }
    }

    /**
     * Dial()'s DIALSTATUS as the citizen's outcome: ANSWER, BUSY, NOANSWER / CANCEL (the calling side gave up while
     * the citizen rang), CONGESTION / CHANUNAVAIL, else FAILED.
     */
    static CallbackOutcome dialOutcome(String status) {
        return switch (status == null ? "" : status) {
            case "ANSWER" -> CallbackOutcome.ANSWERED;
            case "BUSY" -> CallbackOutcome.BUSY;
            case "NOANSWER", "CANCEL" -> CallbackOutcome.NO_ANSWER;
            case "CONGESTION", "CHANUNAVAIL" -> CallbackOutcome.CONGESTION;
            default -> CallbackOutcome.FAILED;
        };
    }

    /** An Originate's result as an outcome; only an answer reaches the citizen. */
    static CallbackOutcome outcome(OriginateOutcome o) {
        return switch (o) {
            case ANSWERED -> CallbackOutcome.ANSWERED;
            case BUSY -> CallbackOutcome.BUSY;
            case NO_ANSWER, HUNG_UP -> CallbackOutcome.NO_ANSWER;
            case CONGESTION -> CallbackOutcome.CONGESTION;
            case FAILED, REJECTED, UNKNOWN -> CallbackOutcome.FAILED;
        };
    }
}
