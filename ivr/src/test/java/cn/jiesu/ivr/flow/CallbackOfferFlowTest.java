package cn.jiesu.ivr.flow;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.testkit.InMemoryAppealStore;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The offer made when the estimated wait is long: call back, voice message, or keep waiting. */
class CallbackOfferFlowTest {
    private static final WaitEstimator LONG = WaitEstimator.fixed(Duration.ofMinutes(10));

    private FlowResult run(ScriptedChannel caller, WaitEstimator waits) {
        return new FlowInterpreter(DefaultIvr.load(), new InMemoryAppealStore(), waits, FlowObserver.NONE)
                .run("ivr", DefaultIvr.call("ivr"), caller);
    }

    @Test
    @DisplayName("A short wait skips the offer")
    void shortWaitSkipsOffer() {
        ScriptedChannel caller = ScriptedChannel.pressing("", "1", "3");

        run(caller, WaitEstimator.fixed(Duration.ofSeconds(30)));

        assertThat(caller.played()).doesNotContain("jiesu/callback-offer");
    }

    @Test
    @DisplayName("1 then 1: called back on the caller ID, which is read back first")
    void callbackOnCallerId() {
        ScriptedChannel caller = ScriptedChannel.pressing("", "1", "4", "1", "", "1");

        FlowResult result = run(caller, LONG);

        assertThat(result).isEqualTo(new FlowResult.Completed());
        assertThat(caller.variables)
                .containsEntry("JIESU_CALLBACK", "1")
                .containsEntry("JIESU_CALLBACK_NUMBER", DefaultIvr.CALLER)
                .containsEntry("JIESU_OUTCOME", "callback")
                .containsEntry("JIESU_ROUTE", "done")
                .containsEntry("JIESU_PATH", "lang:1,menu:4,offer:1,callback:1");
        assertThat(caller.commands).contains("SAY DIGITS " + DefaultIvr.CALLER + " \"0123456789*#\"");
        assertThat(caller.played()).endsWith("jiesu/callback-confirmed");
    }

    @Test
    @DisplayName("1 then 2: another number keyed in and confirmed becomes the callback number")
    void callbackOnAnotherNumber() {
        ScriptedChannel caller = ScriptedChannel.pressing("", "1", "5", "1", "", "2", "13912345678#", "", "1");

        run(caller, LONG);

        assertThat(caller.variables)
                .containsEntry("JIESU_CALLBACK", "1")
                .containsEntry("JIESU_CALLBACK_NUMBER", "13912345678");
        assertThat(caller.commands).contains("SAY DIGITS 13912345678 \"0123456789*#\"");
    }

    @Test
    @DisplayName("2: a voice message recorded to a file named after the Linkedid, referenced before recording")
    void voiceMessage() {
        ScriptedChannel caller = ScriptedChannel.pressing("", "1", "3", "2", "#");

        FlowResult result = run(caller, LONG);

        assertThat(result).isEqualTo(new FlowResult.Completed());
        String file = "/var/spool/asterisk/monitor/jiesu-message-1795844503.0";
        assertThat(caller.variables)
                .containsEntry("JIESU_RECORDING", file + ".wav")
                .containsEntry("JIESU_OUTCOME", "voicemail");
        assertThat(caller.commands)
                .containsSubsequence(
                        "SET VARIABLE JIESU_RECORDING \"" + file + ".wav\"",
                        "RECORD FILE " + file + " wav \"#\" 120000 BEEP s=5");
        assertThat(caller.played()).endsWith("jiesu/message-saved", "jiesu/goodbye");
    }

    @Test
    @DisplayName("3 or no answer: the caller keeps waiting in the general queue")
    void keepWaiting() {
        assertThat(run(ScriptedChannel.pressing("", "1", "2", "3"), LONG)).isEqualTo(new FlowResult.Queued("general"));
        assertThat(run(ScriptedChannel.pressing("", "1", "2"), LONG)).isEqualTo(new FlowResult.Queued("general"));
    }

    @Test
    @DisplayName("0 for an agent also gets the offer when the wait is long")
    void agentKeyGetsOffer() {
        ScriptedChannel caller = ScriptedChannel.pressing("", "1", "0", "3");

        run(caller, LONG);

        assertThat(caller.played()).contains("jiesu/callback-offer");
        assertThat(caller.variables).containsEntry("JIESU_OUTCOME", "agent");
    }
}
