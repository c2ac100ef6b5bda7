package cn.jiesu.ivr.flow;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.testkit.InMemoryAppealStore;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The callback and survey scripts are just other flows of ivr.yaml. */
class OutboundFlowTest {
    private final FlowInterpreter interpreter =
            new FlowInterpreter(DefaultIvr.load(), new InMemoryAppealStore(), WaitEstimator.ZERO, FlowObserver.NONE);

    private static CallRef call(String script) {
        return new CallRef(
                script,
                "Local/answer@callee-sim-00000001;1",
                "1795844507.2",
                "1795844507.2",
                "12345",
                "en",
                Map.of("ticket", "T2026-0001"));
    }

    @Test
    @DisplayName("Survey: 2 records BASICALLY_SATISFIED and thanks the citizen")
    void survey() {
        ScriptedChannel callee = ScriptedChannel.pressing("2");

        FlowResult result = interpreter.run("survey", call("survey"), callee);

        assertThat(result).isEqualTo(new FlowResult.Completed());
        assertThat(callee.variables)
                .containsEntry("JIESU_SURVEY", "BASICALLY_SATISFIED")
                .containsEntry("JIESU_PATH", "survey:2")
                .containsEntry("JIESU_OUTCOME", "survey");
        assertThat(callee.played()).containsExactly("jiesu/survey", "jiesu/survey-thanks");
    }

    @Test
    @DisplayName("Survey without an answer records NO_RESPONSE")
    void surveyNoResponse() {
        ScriptedChannel callee = ScriptedChannel.pressing();

        interpreter.run("survey", call("survey"), callee);

        assertThat(callee.variables).containsEntry("JIESU_SURVEY", "NO_RESPONSE");
    }

    @Test
    @DisplayName("Survey: 3 records DISSATISFIED and offers an agent; 1 queues the citizen for the general queue")
    void dissatisfiedTakesTheAgent() {
        ScriptedChannel callee = ScriptedChannel.pressing("3", "1");

        FlowResult result = interpreter.run("survey", call("survey"), callee);

        assertThat(result).isEqualTo(new FlowResult.Queued("general"));
        assertThat(callee.variables)
                .containsEntry("JIESU_SURVEY", "DISSATISFIED")
                .containsEntry("JIESU_PATH", "survey:3,survey-agent:1")
                .containsEntry("JIESU_OUTCOME", "survey-agent");
        assertThat(callee.played()).containsExactly("jiesu/survey", "jiesu/survey-offer-agent", "jiesu/transfer-agent");
    }

    @Test
    @DisplayName("Survey: a dissatisfied citizen who does not take the agent hears the thanks, as for other ratings")
    void dissatisfiedDeclinesTheAgent() {
        ScriptedChannel callee = ScriptedChannel.pressing("3");

        FlowResult result = interpreter.run("survey", call("survey"), callee);

        assertThat(result).isEqualTo(new FlowResult.Completed());
        assertThat(callee.variables)
                .containsEntry("JIESU_SURVEY", "DISSATISFIED")
                .containsEntry("JIESU_OUTCOME", "survey");
        assertThat(callee.played()).containsExactly("jiesu/survey", "jiesu/survey-offer-agent", "jiesu/survey-thanks");
    }

    @Test
    @DisplayName("Callback: the citizen hears the intro and is queued for an agent")
    void callback() {
        ScriptedChannel callee = ScriptedChannel.pressing();

        FlowResult result = interpreter.run("callback", call("callback"), callee);

        assertThat(result).isEqualTo(new FlowResult.Queued("general"));
        assertThat(callee.variables).containsEntry("JIESU_OUTCOME", "callback");
    }
}
