package cn.jiesu.ivr.agi;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.core.appeal.AppealStatus;
import cn.jiesu.ivr.flow.CallRef;
import cn.jiesu.ivr.flow.FlowInterpreter;
import cn.jiesu.ivr.flow.FlowObserver;
import cn.jiesu.ivr.flow.FlowResult;
import cn.jiesu.ivr.flow.IvrDefinition;
import cn.jiesu.ivr.flow.WaitEstimator;
import cn.jiesu.testkit.InMemoryAppealStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.asteriskjava.fastagi.SimpleMappingStrategy;
import org.asteriskjava.fastagi.internal.DefaultAgiChannelFactory;
import org.asteriskjava.fastagi.internal.FastAgiConnectionHandler;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Our whole FastAGI stack (Asterisk-Java's handler, {@link FlowScript}, the interpreter, config/ivr.yaml) against
 * dialogues recorded from our own server and the Asterisk 22 lab: the same Asterisk replies must produce exactly
 * the same commands, and the session must end the same way.
 */
class FlowScriptReplayTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final InMemoryAppealStore appeals = new InMemoryAppealStore();
    private final List<CallRef> calls = new CopyOnWriteArrayList<>();
    private final List<FlowResult> results = new CopyOnWriteArrayList<>();

    private CaptureReplaySocket replay(String fixture) {
        FlowObserver observer = new FlowObserver() {
            @Override
            public void ended(CallRef call, FlowResult result) {
                calls.add(call);
                results.add(result);
            }
        };
        AgiMetrics metrics = new AgiMetrics(registry);
        FlowInterpreter interpreter = new FlowInterpreter(
                IvrDefinition.load(Path.of("..", "config", "ivr.yaml")), appeals, WaitEstimator.ZERO, observer);
        SimpleMappingStrategy byName = new SimpleMappingStrategy();
        byName.setMappings(Map.of("ivr", new FlowScript("ivr", interpreter, metrics)));
        CaptureReplaySocket socket = CaptureReplaySocket.of(fixture);
        new FastAgiConnectionHandler(byName, socket, new DefaultAgiChannelFactory()).run();
        return socket;
    }

    private double sessions(String outcome) {
        return registry.get("agi.session.duration")
                .tag("script", "ivr")
                .tag("outcome", outcome)
                .timer()
                .count();
    }

    @Test
    @DisplayName("Status lookup: the recorded commands are sent again, in order, and the session completes")
    void statusLookupDialogue() {
        // The capture's caller (agi_callerid) made the appeal: the due date is read back to them.
        appeals.put("202699480160", AppealStatus.IN_PROGRESS, Instant.parse("2026-12-05T01:00:00Z"), "13909760606");

        CaptureReplaySocket socket = replay("/fixtures/fastagi/jiesu-ivr-status.txt");

        assertThat(socket.commandsSent()).containsExactlyElementsOf(socket.commandsInCapture());
        assertThat(results).containsExactly(new FlowResult.Completed());
        assertThat(calls.getFirst().linkedid()).isEqualTo("1795851320.142");
        assertThat(calls.getFirst().callerId()).startsWith("139");
        assertThat(sessions("completed")).isEqualTo(1);
        assertThat(registry.get("agi.sessions.active").gauge().value()).isZero();
        assertThat(registry.find("agi.errors").counters()).isEmpty();
        assertThat(socket.isClosed()).isTrue();
    }

    @Test
    @DisplayName("Hangup in the main menu: GET DATA's -1 ends the session at once, as a hangup and not an error")
    void hangupDialogue() {
        CaptureReplaySocket socket = replay("/fixtures/fastagi/jiesu-ivr-hangup.txt");

        assertThat(socket.commandsSent()).containsExactlyElementsOf(socket.commandsInCapture());
        assertThat(results).containsExactly(new FlowResult.HungUp());
        assertThat(sessions("hangup")).isEqualTo(1);
        assertThat(registry.find("agi.errors").counters()).isEmpty();
        assertThat(socket.isClosed()).isTrue();
    }
}
