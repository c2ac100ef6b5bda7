package cn.jiesu.gateway.console;

import cn.jiesu.ivr.ami.AmiConnector;
import java.util.concurrent.CompletableFuture;
import org.asteriskjava.manager.action.QueuePauseAction;

/**
 * The console's queue control on the AMI connector's action connection: {@link QueueControl} as
 * {@code QueuePause} on every queue (click-to-call is the callbacks module's ClickToCall). The Asterisk-Java action
 * type stays
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
}
