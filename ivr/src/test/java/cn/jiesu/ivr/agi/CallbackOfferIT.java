package cn.jiesu.ivr.agi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.jiesu.ivr.flow.FlowResult;
import cn.jiesu.ivr.flow.WaitEstimator;
import cn.jiesu.ivr.support.LabIvr;
import cn.jiesu.ivr.support.SimulatedCallers.Call;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The long-wait offer against the real lab, with an estimator that always says the wait is long. */
class CallbackOfferIT {
    private static LabIvr ivr;
    private Call call;

    @BeforeAll
    static void start() throws Exception {
        ivr = new LabIvr(WaitEstimator.fixed(Duration.ofMinutes(15)));
    }

    @AfterAll
    static void stop() {
        if (ivr != null) {
            ivr.close();
        }
    }

    @AfterEach
    void hangUp() {
        if (call != null) {
            call.hangUp();
        }
    }

    @Test
    @DisplayName("1 to keep the place, 1 to confirm: a callback on the caller ID, and no queue")
    void callbackOnCallerId() throws Exception {
        String caller = LabIvr.uniqueCaller();
        // The confirming 1 barges into the read-back of the caller's number.
        call = ivr.callers.call(caller, 3, 40, "1", "4", "11");

        await().atMost(Duration.ofSeconds(50))
                .untilAsserted(
                        () -> assertThat(ivr.sessions.result(call.ivrUniqueid().orElseThrow()))
                                .contains(new FlowResult.Completed()));
        assertThat(call.jiesuVariables())
                .containsEntry("JIESU_CALLBACK", "1")
                .containsEntry("JIESU_CALLBACK_NUMBER", caller)
                .containsEntry("JIESU_OUTCOME", "callback")
                .containsEntry("JIESU_REQTYPE", "CONSULT")
                .containsEntry("JIESU_PATH", "lang:1,menu:4,offer:1,callback:1");
        assertThat(call.queuesJoined()).isEmpty();
    }

    @Test
    @DisplayName("2 for a voice message: the recording exists on the Asterisk host and JIESU_RECORDING names it")
    void voiceMessage() throws Exception {
        // The caller talks (well, is silent) for a few seconds after the tone and hangs up.
        call = ivr.callers.call(LabIvr.uniqueCaller(), 3, 14, "1", "2", "2");

        await().atMost(Duration.ofSeconds(50))
                .untilAsserted(
                        () -> assertThat(ivr.sessions.result(call.ivrUniqueid().orElseThrow()))
                                .isPresent());
        String uid = call.ivrUniqueid().orElseThrow();
        String linkedid = ivr.sessions.call(uid).orElseThrow().linkedid();
        String recording = "/var/spool/asterisk/monitor/jiesu-message-" + linkedid + ".wav";
        assertThat(call.jiesuVariables())
                .containsEntry("JIESU_RECORDING", recording)
                .containsEntry("JIESU_OUTCOME", "voicemail")
                .containsEntry("JIESU_URGENCY", "IMMEDIATE");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(ivr.lab.asteriskFile(recording)));
        assertThat(call.agiCommands()).anyMatch(c -> c.startsWith("RECORD FILE") && c.contains(linkedid));
    }
}
