package cn.jiesu.callbacks;

import cn.jiesu.core.callback.CallbackAttempt;
import cn.jiesu.core.callback.CallbackKind;
import cn.jiesu.core.callback.CallbackMode;
import cn.jiesu.core.callback.CallbackOutcome;
import cn.jiesu.core.callback.Dialer;
import cn.jiesu.core.callback.NotPlacedException;
import cn.jiesu.ivr.ami.AmiConnector;
import cn.jiesu.ivr.ami.AmiUnavailableException;
import cn.jiesu.ivr.ami.OriginateOutcome;
import cn.jiesu.ivr.ami.OriginateRequest;
import cn.jiesu.ivr.ami.OriginateResult;
import cn.jiesu.ivr.dialplan.DialplanVariables;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Places callback attempts through the AMI connector's async Originate, with the attempt's deterministic ChannelId
 * ({@code jiesu-ob-cb-<callbackId>-<n>}), and completes when the call is over so the trunk slot is held for the
 * whole call:
 * <ul>
 *   <li>CITIZEN_FIRST: dial the citizen ({@code citizenChannel} with {@code {number}}) into {@code context},
 *       extension {@code callback} (intro prompt, then the queue) or {@code survey} for a SURVEY;</li>
 *   <li>AGENT_FIRST: dial the queue first ({@code agentChannel} with {@code {queue}}, a Local channel whose dialplan
 *       queues for a free agent: {@code [callback-agents]} in extensions.conf) into {@code bridgeContext}
 *       ({@code [callback-bridge]}), extension = the citizen's number, whose dialplan dials the citizen for
 *       {@code JIESU_RING} seconds and bridges them. The outcome is that Dial's DIALSTATUS; when no agent answers
 *       the Originate, the citizen was never dialed and the attempt is not placed ({@link NotPlacedException}).</li>
 * </ul>
 * The outcome is the OriginateResponse's (Success/4 ANSWERED, Failure/5 BUSY, /3 NO_ANSWER, /8 CONGESTION); an
 * answered call completes at its Hangup ({@link OutboundCalls}). TICKET (the intake id), JIESU_CALLBACK_ID and
 * JIESU_QUEUE are set on the channel for the AGI flows. Thread-safe, non-blocking.
 */
public final class AmiDialer implements Dialer {
    /**
     * @param citizenChannel e.g. {@code PJSIP/{number}@trunk}
     * @param agentChannel   e.g. {@code Local/{queue}@callback-agents/n} (/n: the Local pair stays for the whole call,
     *                       so the originated channel's Hangup is the end of the call)
     * @param maxCall        an answered call still up after this is considered over (a stuck channel must not hold
     *                       a trunk slot forever)
     * @param extraVariables set on every call (the lab's simulated callees read DIGITS and HOLD from them)
     */
    public record Settings(
            String citizenChannel,
            String context,
            String agentChannel,
            String bridgeContext,
            String callerId,
            Duration ringTimeout,
            Duration maxCall,
            Map<String, String> extraVariables) {
        public Settings {
            extraVariables = extraVariables == null ? Map.of() : Map.copyOf(extraVariables);
        }

        public Settings with(Duration ring, Map<String, String> extra) {
            return new Settings(citizenChannel, context, agentChannel, bridgeContext, callerId, ring, maxCall, extra);
        }
    }

    /** Agent-leg Originate failures that mean "no agent picked up" rather than a broken setup. */
    private static final java.util.Set<OriginateOutcome> AGENT_NOT_REACHED =
            java.util.EnumSet.of(OriginateOutcome.NO_ANSWER, OriginateOutcome.HUNG_UP, OriginateOutcome.BUSY);

    private final AmiConnector ami;
    private final OutboundCalls calls;
    private final Settings settings;

    public AmiDialer(AmiConnector ami, OutboundCalls calls, Settings settings) {
        this.ami = ami;
        this.calls = calls;
        this.settings = settings;
    }

    @Override
    public CompletionStage<CallbackOutcome> dial(CallbackAttempt a) {
        OriginateRequest request = request(a);
        String id = request.channelId();
        if (agentFirst(a)) {
            calls.agentFirst(id);
        }
        CompletionStage<CallbackOutcome> over = calls.ended(id);
        boolean agentFirst = agentFirst(a);
        return ami.originate(request)
                .handle((r, e) -> {
                    if (e == null) {
                        return settle(id, r, over, agentFirst);
                    }
                    calls.failed(id, CallbackOutcome.FAILED);
                    if (unwrap(e) instanceof AmiUnavailableException) {
                        // AMI is down: nothing was sent. Re-queued without spending an attempt.
                        return CompletableFuture.<CallbackOutcome>failedFuture(
                                new NotPlacedException("AMI is down", e));
                    }
                    return CompletableFuture.completedFuture(CallbackOutcome.FAILED);
                })
                .thenCompose(x -> x);
    }

    private CompletionStage<CallbackOutcome> settle(
            String id, OriginateResult r, CompletionStage<CallbackOutcome> over, boolean agentFirst) {
        if (r.outcome() == OriginateOutcome.ANSWERED) {
            // Citizen-first: the citizen answered. Agent-first: an agent did; the citizen's Dial decides (at hangup).
            calls.answered(id);
            return over.toCompletableFuture()
                    .completeOnTimeout(
                            CallbackOutcome.ANSWERED, settings.maxCall().toMillis(), TimeUnit.MILLISECONDS);
        }
        if (r.outcome() == OriginateOutcome.UNKNOWN) {
            // No response: the call may be up; the trunk is free once its channel is gone.
            return over.toCompletableFuture()
                    .completeOnTimeout(
                            CallbackOutcome.FAILED, settings.maxCall().toMillis(), TimeUnit.MILLISECONDS);
        }
        CallbackOutcome o = OutboundCalls.outcome(r.outcome());
        calls.failed(id, o);
        if (agentFirst && AGENT_NOT_REACHED.contains(r.outcome())) {
            // The agent leg rang out (the Originate timed out in the queue): the citizen was never dialed, so the
            // attempt is re-queued without spending one of the citizen's retries.
            return CompletableFuture.failedFuture(new NotPlacedException("no agent answered in queue " + id, null));
        }
        return CompletableFuture.completedFuture(o);
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while (t instanceof java.util.concurrent.CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static boolean agentFirst(CallbackAttempt a) {
        return a.mode() == CallbackMode.AGENT_FIRST && a.kind() != CallbackKind.SURVEY;
    }

    OriginateRequest request(CallbackAttempt a) {
        Map<String, String> vars = new LinkedHashMap<>(settings.extraVariables());
        vars.put(DialplanVariables.TICKET, a.intakeId());
        vars.put(DialplanVariables.CALLBACK_ID, a.callbackId());
        vars.put(DialplanVariables.QUEUE, a.queue());
        String channelId = OutboundCalls.channelId(a);
        if (agentFirst(a)) {
            vars.put(DialplanVariables.CALLBACK_NUMBER, a.number());
            // callback-bridge rings the citizen this long once the agent is up (the Originate's own timeout is
            // the agent leg's)
            vars.put(
                    DialplanVariables.RING,
                    Long.toString(Math.max(1, settings.ringTimeout().toSeconds())));
            return new OriginateRequest(
                    settings.agentChannel().replace("{queue}", a.queue()),
                    settings.bridgeContext(),
                    a.number(),
                    1,
                    settings.callerId(),
                    vars,
                    settings.ringTimeout(),
                    channelId);
        }
        return new OriginateRequest(
                settings.citizenChannel().replace("{number}", a.number()),
                settings.context(),
                a.kind() == CallbackKind.SURVEY ? "survey" : "callback",
                1,
                settings.callerId(),
                vars,
                settings.ringTimeout(),
                channelId);
    }
}
