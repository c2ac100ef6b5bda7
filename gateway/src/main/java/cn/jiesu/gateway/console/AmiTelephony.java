package cn.jiesu.gateway.console;

import cn.jiesu.core.callback.CallbackOutcome;
import cn.jiesu.ivr.ami.AmiConnector;
import cn.jiesu.ivr.ami.OriginateOutcome;
import cn.jiesu.ivr.ami.OriginateRequest;
import cn.jiesu.ivr.dialplan.DialplanVariables;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.asteriskjava.manager.action.QueuePauseAction;

/**
 * The console's telephony ports on the AMI connector's action connection: {@link QueueControl} as
 * {@code QueuePause} on every queue, and click-to-call as an async Originate from the agent's endpoint into a
 * dial context, followed to the citizen leg's result by {@link ConsoleDials}. The Asterisk-Java action type stays
 * in this class (it belongs next to the connector, in the ivr module, once that offers a queue-pause call of its
 * own).
 */
public final class AmiTelephony {
    private AmiTelephony() {
    }

    /** Pauses/unpauses {@code memberInterface} in all queues; fails when Asterisk answers with an error. */
    public static QueueControl queues(AmiConnector ami) {
        return (member, paused, reason) -> {
            QueuePauseAction action = new QueuePauseAction(member, paused);
            action.setReason(reason);
            return ami.send(action).thenCompose(r -> "Error".equalsIgnoreCase(r.getResponse())
                    ? CompletableFuture.failedStage(new IllegalStateException("QueuePause refused: " + r.getMessage()))
                    : CompletableFuture.completedStage(null));
        };
    }

    /**
     * Click-to-call: Asterisk first rings {@code endpoint} (the agent's phone, {@code {ext}} replaced, e.g.
     * {@code PJSIP/{ext}}); once the agent answers, the call continues at {@code context}/{@code <number>}, which
     * dials the citizen. The call's ChannelId is {@code jiesu-ob-console-<dialId>}. Asterisk's OriginateResponse
     * only tells how the agent leg went (it answers when the first channel does): a failed one ends the dial with
     * the citizen never dialled; otherwise {@code dials} reports the citizen leg's DialEnd.
     */
    public static AgentDialer dialer(AmiConnector ami, ConsoleDials dials, String endpoint, String context,
                                     String callerId) {
        return (dialId, ext, number) -> {
            OriginateRequest request = OriginateRequest.toExtension(endpoint.replace("{ext}", ext), context, number,
                    callerId, Map.of(DialplanVariables.AGENT, ext), "console-" + dialId);
            String id = request.channelId();
            CompletionStage<DialResult> citizen = dials.expect(id);
            return ami.originate(request).handle((r, e) -> {
                if (e != null) {
                    dials.forget(id, new DialResult(CallbackOutcome.FAILED, false));
                    return CompletableFuture.<DialResult>failedFuture(e);
                }
                if (r.outcome() != OriginateOutcome.ANSWERED && r.outcome() != OriginateOutcome.UNKNOWN) {
                    dials.forget(id, new DialResult(outcome(r.outcome()), false));
                }
                // ANSWERED: the citizen's DialEnd follows. UNKNOWN: the call may be up; its events decide.
                return citizen.toCompletableFuture();
            }).thenCompose(x -> x);
        };
    }

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
