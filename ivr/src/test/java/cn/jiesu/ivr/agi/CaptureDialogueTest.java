package cn.jiesu.ivr.agi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import cn.jiesu.ivr.flow.CallerHangupException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.asteriskjava.fastagi.SimpleMappingStrategy;
import org.asteriskjava.fastagi.command.HangupCommand;
import org.asteriskjava.fastagi.command.NoopCommand;
import org.asteriskjava.fastagi.command.VerboseCommand;
import org.asteriskjava.fastagi.internal.DefaultAgiChannelFactory;
import org.asteriskjava.fastagi.internal.FastAgiConnectionHandler;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Real FastAGI dialogues recorded from Asterisk 22.10 (fixtures/fastagi), replayed into Asterisk-Java's own
 * connection handler: our channel adapter must read Asterisk's replies, HANGUP lines and 511s as Asterisk meant them.
 */
class CaptureDialogueTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AgiMetrics metrics = new AgiMetrics(registry);

    private static void serve(CaptureReplaySocket socket, String name, AgiScript script) {
        SimpleMappingStrategy byName = new SimpleMappingStrategy();
        byName.setMappings(Map.of(name, script));
        new FastAgiConnectionHandler(byName, socket, new DefaultAgiChannelFactory()).run();
    }

    @Test
    @DisplayName("IVR dialogue: GET DATA digits, a variable, WAIT FOR DIGIT's character code, HANGUP then NOOP")
    void ivrSession() {
        CaptureReplaySocket socket = CaptureReplaySocket.of("/fixtures/fastagi/ivr-session.txt");
        List<String> answers = new ArrayList<>();
        AtomicReference<AgiRequest> seen = new AtomicReference<>();

        serve(socket, "ivr", (request, channel) -> {
            seen.set(request);
            AgiIvrChannel ivr = new AgiIvrChannel(channel, metrics);
            ivr.answer();
            answers.add(ivr.streamFile("beep", ""));
            answers.add(ivr.getData("beep", Duration.ofSeconds(5), 2));
            ivr.setVariable("IVR_CHOICE", "1");
            channel.sendCommand(new VerboseCommand("12345 ivr: choice=1", 1));
            answers.add(ivr.getVariable("CHANNEL(uniqueid)"));
            answers.add(ivr.waitForDigit(Duration.ofSeconds(5)));
            answers.add(ivr.streamFile("vm-goodbye", ""));
            channel.sendCommand(new HangupCommand());
            channel.sendCommand(new NoopCommand()); // Asterisk answers "HANGUP" first, then 200
        });

        assertThat(answers).containsExactly("", "1", "1795844503.0", "2", "");
        assertThat(socket.commandsSent()).startsWith(socket.commandsInCapture().toArray(String[]::new));
        assertThat(seen.get().getCallerIdNumber()).isEqualTo("13800138000");
        assertThat(seen.get().getChannel()).isEqualTo("Local/s@caller-sim-00000000;1");
        assertThat(socket.isClosed()).isTrue();
        assertThat(registry.get("agi.command.latency")
                        .tag("command", "get-data")
                        .timer()
                        .count())
                .isEqualTo(1);
    }

    @Test
    @DisplayName("Callback dialogue: the query string is not part of the script name, HANGUP mid-reply, then 511")
    void callbackSessionHangsUp() {
        CaptureReplaySocket socket = CaptureReplaySocket.of("/fixtures/fastagi/callback-session.txt");
        List<String> answers = new ArrayList<>();
        AtomicReference<Throwable> third = new AtomicReference<>();
        AtomicReference<AgiRequest> seen = new AtomicReference<>();

        serve(socket, "callback", (request, channel) -> {
            seen.set(request);
            AgiIvrChannel ivr = new AgiIvrChannel(channel, metrics);
            answers.add(ivr.streamFile("demo-congrats", "#")); // result=-1: the caller hung up during playback
            answers.add(ivr.getVariable("TICKET"));
            third.set(catchThrowable(() -> ivr.setVariable("JIESU_OUTCOME", "callback")));
        });

        assertThat(seen.get().getScript()).isEqualTo("callback");
        assertThat(seen.get().getParameter("ticket")).isEqualTo("T2026-0001");
        assertThat(answers).containsExactly("", "T2026-0001");
        assertThat(third.get()).isInstanceOf(CallerHangupException.class);
        assertThat(socket.commandsSent())
                .startsWith(socket.commandsInCapture().subList(0, 2).toArray(String[]::new));
        assertThat(socket.isClosed()).isTrue();
    }

    @Test
    @DisplayName("SIP dialogue: two digits collected by GET DATA arrive as one result")
    void sipSessionTwoDigits() {
        CaptureReplaySocket socket = CaptureReplaySocket.of("/fixtures/fastagi/sip-ivr-session.txt");
        List<String> answers = new ArrayList<>();

        serve(socket, "ivr", (request, channel) -> {
            AgiIvrChannel ivr = new AgiIvrChannel(channel, metrics);
            ivr.answer();
            ivr.streamFile("beep", "");
            answers.add(ivr.getData("beep", Duration.ofSeconds(5), 2));
            answers.add(request.getDnid());
        });

        assertThat(answers).containsExactly("12", "12345");
    }
}
