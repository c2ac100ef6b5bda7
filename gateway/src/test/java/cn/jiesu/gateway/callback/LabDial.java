package cn.jiesu.gateway.callback;

import cn.jiesu.callbacks.AmiDialer;
import java.time.Duration;
import java.util.Map;

/** How the lab's callbacks are dialed: the citizen is a simulated callee (config/asterisk-lab), picked by name. */
final class LabDial {
    static final AmiDialer.Settings SETTINGS = new AmiDialer.Settings(
            "Local/{number}@callee-sim",
            "public",
            "Local/{queue}@callback-agents/n",
            "callback-bridge",
            "\"12345\" <12345>",
            Duration.ofSeconds(30),
            Duration.ofHours(2),
            Map.of());

    private LabDial() {}
}
