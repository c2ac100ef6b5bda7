package cn.jiesu.gateway.console;

import cn.jiesu.callbacks.CallbackDesk;
import java.util.Objects;

/**
 * What the console asks of the phone system and the callback module: queue pauses, click-to-call, open callbacks.
 * {@link #none()} runs the console without them (states are recorded, dialing says it is unavailable).
 */
public record ConsoleTelephony(QueueControl queues, AgentDialer dialer, CallbackDesk callbacks) {
    public ConsoleTelephony {
        Objects.requireNonNull(queues, "queues");
        Objects.requireNonNull(dialer, "dialer");
        Objects.requireNonNull(callbacks, "callbacks");
    }

    public static ConsoleTelephony none() {
        return new ConsoleTelephony(QueueControl.none(), AgentDialer.unavailable(), CallbackDesk.none());
    }
}
