package cn.jiesu.gateway.console;

import cn.jiesu.core.callback.CallbackOutcome;
import cn.jiesu.ivr.ami.AmiConnector;
import cn.jiesu.ivr.ami.OriginateOutcome;
import cn.jiesu.ivr.ami.OriginateRequest;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.asteriskjava.manager.action.QueuePauseAction;

/**
 * The console's telephony ports on the AMI connector's action connection: {@link QueueControl} as
 * {@code QueuePause} on every queue, and click-to-call as an async Originate from the agent's endpoint into a
 * dial context. The Asterisk-Java action type stays in this class (it belongs next to the connector, in the ivr
 * module, once that offers a queue-pause call of its own).
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
     * dials the citizen. The stage completes with the OriginateResponse outcome, mapped like the callback dialer's:
     * that is the agent leg's (Asterisk answers an Originate when its first channel does). The citizen leg's
     * DIALSTATUS is sent by the dialplan as {@code UserEvent JiesuConsoleDial}, for the tracker to report.
     */
    public static AgentDialer dialer(AmiConnector ami, String endpoint, String context, String callerId) {
        return (ext, number) -> ami.originate(OriginateRequest.toExtension(endpoint.replace("{ext}", ext), context,
                        number, callerId, Map.of("JIESU_AGENT", ext), "console-" + UUID.randomUUID()))
                .thenApply(r -> outcome(r.outcome()));
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
