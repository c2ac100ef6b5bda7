package cn.jiesu.ivr.flow;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.testkit.InMemoryAppealStore;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The default 12345 flow of config/ivr.yaml, driven by a scripted caller. */
class InboundFlowTest {
    private final InMemoryAppealStore appeals = new InMemoryAppealStore();
    private final RecordingObserver observer = new RecordingObserver();

    private FlowResult run(ScriptedChannel caller, WaitEstimator waits) {
        FlowInterpreter interpreter = new FlowInterpreter(DefaultIvr.load(), appeals, waits, observer);
        return interpreter.run("ivr", DefaultIvr.call("ivr"), caller);
    }

    @Test
    @DisplayName("Mandarin, then 2 for an outage: HELP, IMMEDIATE, path lang:1,menu:2, queued in general")
    void outageIsImmediate() {
        ScriptedChannel caller = ScriptedChannel.pressing("", "1", "2");

        FlowResult result = run(caller, WaitEstimator.ZERO);

        assertThat(result).isEqualTo(new FlowResult.Queued("general"));
        assertThat(caller.variables)
                .containsEntry("CHANNEL(language)", "zh")
                .containsEntry("JIESU_LANG", "zh")
                .containsEntry("JIESU_REQTYPE", "HELP")
                .containsEntry("JIESU_URGENCY", "IMMEDIATE")
                .containsEntry("JIESU_PATH", "lang:1,menu:2")
                .containsEntry("JIESU_ROUTE", "queue")
                .containsEntry("JIESU_QUEUE", "general")
                .containsEntry("JIESU_OUTCOME", "agent");
        assertThat(caller.commands).first().isEqualTo("ANSWER");
        assertThat(caller.played())
                .containsExactly("jiesu/welcome", "jiesu/language", "jiesu/main-menu", "jiesu/transfer-agent");
        assertThat(observer.ended).containsExactly(result);
    }

    @Test
    @DisplayName("1 for an emergency goes to the priority queue as EMERGENCY and is never offered a callback")
    void emergencyGoesToPriorityQueue() {
        ScriptedChannel caller = ScriptedChannel.pressing("", "1", "1");

        FlowResult result = run(caller, WaitEstimator.fixed(Duration.ofHours(1)));

        assertThat(result).isEqualTo(new FlowResult.Queued("priority"));
        assertThat(caller.variables)
                .containsEntry("JIESU_URGENCY", "EMERGENCY")
                .containsEntry("JIESU_REQTYPE", "HELP")
                .containsEntry("JIESU_QUEUE", "priority")
                .containsEntry("JIESU_PATH", "lang:1,menu:1");
        assertThat(caller.played()).doesNotContain("jiesu/callback-offer").contains("jiesu/emergency");
    }

    @Test
    @DisplayName("A key pressed during the welcome barges in and chooses the language")
    void bargeInDuringWelcome() {
        ScriptedChannel caller = ScriptedChannel.pressing("2", "4");

        run(caller, WaitEstimator.ZERO);

        assertThat(caller.variables)
                .containsEntry("JIESU_LANG", "en")
                .containsEntry("CHANNEL(language)", "en")
                .containsEntry("JIESU_REQTYPE", "CONSULT")
                .containsEntry("JIESU_PATH", "lang:2,menu:4");
        assertThat(caller.played()).doesNotContain("jiesu/language");
    }

    @Test
    @DisplayName("Invalid keys three times route to an agent with outcome invalid")
    void invalidInputRoutesToAgent() {
        ScriptedChannel caller = ScriptedChannel.pressing("", "1", "7", "", "8", "", "7", "");

        FlowResult result = run(caller, WaitEstimator.ZERO);

        assertThat(result).isEqualTo(new FlowResult.Queued("general"));
        assertThat(caller.variables)
                .containsEntry("JIESU_OUTCOME", "invalid")
                .containsEntry("JIESU_PATH", "lang:1")
                .doesNotContainKey("JIESU_URGENCY");
        assertThat(caller.played()).filteredOn("jiesu/invalid"::equals).hasSize(3);
        assertThat(caller.played()).filteredOn("jiesu/main-menu"::equals).hasSize(3);
    }

    @Test
    @DisplayName("A key pressed during the invalid prompt counts as the next try")
    void typeAheadDuringInvalidPrompt() {
        ScriptedChannel caller = ScriptedChannel.pressing("", "1", "7", "3");

        run(caller, WaitEstimator.ZERO);

        assertThat(caller.variables)
                .containsEntry("JIESU_REQTYPE", "COMPLAINT")
                .containsEntry("JIESU_PATH", "lang:1,menu:3");
        assertThat(caller.played()).filteredOn("jiesu/main-menu"::equals).hasSize(1);
    }

    @Test
    @DisplayName("No input at all: the menu repeats, then an agent takes the call")
    void silenceRoutesToAgent() {
        ScriptedChannel caller = ScriptedChannel.pressing();

        FlowResult result = run(caller, WaitEstimator.ZERO);

        assertThat(result).isEqualTo(new FlowResult.Queued("general"));
        assertThat(caller.variables).containsEntry("JIESU_OUTCOME", "invalid");
        assertThat(caller.played()).filteredOn("jiesu/language"::equals).hasSize(3);
    }

    @Test
    @DisplayName("A caller who hangs up ends the session at once, without further commands")
    void hangupEndsPromptly() {
        ScriptedChannel caller = ScriptedChannel.pressing("", "1").hangingUpAfter(5);

        FlowResult result = run(caller, WaitEstimator.ZERO);

        assertThat(result).isEqualTo(new FlowResult.HungUp());
        assertThat(caller.commands).hasSize(6).last().asString().endsWith("-> 511");
    }
}
