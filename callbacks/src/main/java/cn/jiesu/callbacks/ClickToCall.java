package cn.jiesu.callbacks;

import cn.jiesu.core.callback.CallbackOutcome;
import cn.jiesu.ivr.ami.AmiConnector;
import cn.jiesu.ivr.ami.OriginateOutcome;
import cn.jiesu.ivr.ami.OriginateRequest;
import cn.jiesu.ivr.dialplan.DialplanVariables;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The console's click-to-call as an async Originate on the AMI connector: Asterisk first rings the agent's
 * {@code endpoint} ({@code {ext}} replaced, e.g. {@code PJSIP/{ext}}); once the agent answers, the call continues at
 * {@code context}/{@code <number>}, which dials the citizen. The call's ChannelId is
 * {@code jiesu-ob-console-<dialId>}. Asterisk's OriginateResponse only tells how the agent leg went (it answers when
 * the first channel does): a failed one ends the dial with the citizen never dialled; otherwise {@link OutboundCalls}
 * reports the citizen leg's DialEnd. Thread-safe, non-blocking.
 */
public final class ClickToCall {
    private final AmiConnector ami;
    private final OutboundCalls calls;
    private final String endpoint;
    private final String context;
    private final String callerId;

    public ClickToCall(AmiConnector ami, OutboundCalls calls, String endpoint, String context, String callerId) {
        this.ami = ami;
        this.calls = calls;
        this.endpoint = endpoint;
        this.context = context;
        this.callerId = callerId;
    }

    /**
     * Rings {@code agentExt} and then dials {@code number}; completes when the citizen leg's result is known.
     *
     * @param dialId names this dial (unique; it becomes part of the call's AMI ChannelId)
     */
    public CompletionStage<DialResult> dial(String dialId, String agentExt, String number) {
        OriginateRequest request = OriginateRequest.toExtension(
                endpoint.replace("{ext}", agentExt),
                context,
                number,
                callerId,
                Map.of(DialplanVariables.AGENT, agentExt),
                "console-" + dialId);
        String id = request.channelId();
        CompletionStage<DialResult> citizen = calls.expectDial(id);
        return ami.originate(request)
                .handle((r, e) -> {
                    if (e != null) {
                        calls.dialSettled(id, new DialResult(CallbackOutcome.FAILED, false));
                        return CompletableFuture.<DialResult>failedFuture(e);
                    }
                    if (r.outcome() != OriginateOutcome.ANSWERED && r.outcome() != OriginateOutcome.UNKNOWN) {
                        calls.dialSettled(id, new DialResult(OutboundCalls.outcome(r.outcome()), false));
                    }
                    // ANSWERED: the citizen's DialEnd follows. UNKNOWN: the call may be up; its events decide.
                    return citizen.toCompletableFuture();
                })
                .thenCompose(x -> x);
    }
}
