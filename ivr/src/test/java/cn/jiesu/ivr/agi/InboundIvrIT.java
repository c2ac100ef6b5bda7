package cn.jiesu.ivr.agi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.jiesu.core.appeal.AppealStatus;
import cn.jiesu.ivr.flow.FlowResult;
import cn.jiesu.ivr.flow.WaitEstimator;
import cn.jiesu.ivr.support.LabIvr;
import cn.jiesu.ivr.support.SimulatedCallers.Call;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The 12345 IVR end to end against the real Asterisk lab: simulated callers press keys over DTMF (digit groups a
 * few seconds apart, each arriving while GET DATA or a barge-in prompt listens), our FastAGI server runs
 * config/ivr.yaml, and AMI shows what the dialplan and the call tracker see.
 */
class InboundIvrIT {
    private static final Duration CALL = Duration.ofSeconds(40);
    private static LabIvr ivr;
    private Call call;

    @BeforeAll
    static void start() throws Exception {
        ivr = new LabIvr(WaitEstimator.ZERO);
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
    @DisplayName("Mandarin, then 2: IMMEDIATE help with path lang:1,menu:2, queued in the general queue")
    void outageIsImmediate() throws Exception {
        call = ivr.callers.call(LabIvr.uniqueCaller(), 3, 30, "1", "2");

        await().atMost(CALL).untilAsserted(() -> assertThat(call.queuesJoined()).containsExactly("hotline-general"));
        assertThat(call.jiesuVariables())
                .containsEntry("JIESU_LANG", "zh")
                .containsEntry("JIESU_REQTYPE", "HELP")
                .containsEntry("JIESU_URGENCY", "IMMEDIATE")
                .containsEntry("JIESU_PATH", "lang:1,menu:2")
                .containsEntry("JIESU_ROUTE", "queue")
                .containsEntry("JIESU_QUEUE", "general");
        assertThat(ivr.sessions.result(call.ivrUniqueid().orElseThrow())).contains(new FlowResult.Queued("general"));
        assertThat(ivr.sessions.ranOnVirtualThread(call.ivrUniqueid().orElseThrow()))
                .contains(true);
    }

    @Test
    @DisplayName("Mandarin, then 1: EMERGENCY, and the call joins the priority queue")
    void emergencyReachesPriorityQueue() throws Exception {
        call = ivr.callers.call(LabIvr.uniqueCaller(), 3, 30, "1", "1");

        await().atMost(CALL).untilAsserted(() -> assertThat(call.queuesJoined()).containsExactly("hotline-priority"));
        assertThat(call.jiesuVariables())
                .containsEntry("JIESU_URGENCY", "EMERGENCY")
                .containsEntry("JIESU_QUEUE", "priority")
                .containsEntry("JIESU_PATH", "lang:1,menu:1");
    }

    @Test
    @DisplayName("9, the appeal number and #: the stored appeal's status is played and the session completes")
    void statusLookupReadsBackStatus() throws Exception {
        String appealNo = "2026" + LabIvr.uniqueCaller().substring(3, 11);
        String caller = LabIvr.uniqueCaller();
        // The appeal's own citizen calls: the due date is read back (to others only the status).
        ivr.appeals.put(appealNo, AppealStatus.IN_PROGRESS, Instant.parse("2026-12-05T01:00:00Z"), caller);

        call = ivr.callers.call(caller, 3, 40, "1", "9", appealNo + "#");

        await().atMost(Duration.ofSeconds(50))
                .untilAsserted(
                        () -> assertThat(ivr.sessions.result(call.ivrUniqueid().orElseThrow()))
                                .contains(new FlowResult.Completed()));
        String uid = call.ivrUniqueid().orElseThrow();
        assertThat(ivr.sessions.played(uid))
                .containsSubsequence(
                        "jiesu/enter-appeal-no",
                        "jiesu/status-in-progress",
                        "jiesu/status-due",
                        "date:2026-12-05",
                        "jiesu/goodbye");
        assertThat(call.agiCommands())
                .anyMatch(c -> c.contains("jiesu/status-in-progress"))
                .anyMatch(c -> c.startsWith("SAY DIGITS") && c.contains("2026"));
        assertThat(call.jiesuVariables())
                .containsEntry("JIESU_OUTCOME", "status")
                .containsEntry("JIESU_ROUTE", "done")
                .containsEntry("JIESU_PATH", "lang:1,menu:9");
        await().atMost(Duration.ofSeconds(30)).until(call::hungUp);
        assertThat(call.queuesJoined()).isEmpty();
    }

    @Test
    @DisplayName("An invalid key three times: an agent takes the call, outcome invalid")
    void invalidInputGoesToAgent() throws Exception {
        call = ivr.callers.call(LabIvr.uniqueCaller(), 3, 40, "1", "777");

        await().atMost(CALL).untilAsserted(() -> assertThat(call.queuesJoined()).containsExactly("hotline-general"));
        String uid = call.ivrUniqueid().orElseThrow();
        assertThat(call.jiesuVariables())
                .containsEntry("JIESU_OUTCOME", "invalid")
                .containsEntry("JIESU_PATH", "lang:1")
                .doesNotContainKey("JIESU_URGENCY");
        assertThat(ivr.sessions.played(uid)).filteredOn("jiesu/invalid"::equals).hasSize(3);
    }

    @Test
    @DisplayName("A caller who hangs up in the menu ends the session at once, and Asterisk lets the channel go")
    void hangupClosesPromptly() throws Exception {
        call = ivr.callers.call(LabIvr.uniqueCaller(), 3, 2, "1");

        await().atMost(CALL)
                .untilAsserted(
                        () -> assertThat(ivr.sessions.result(call.ivrUniqueid().orElseThrow()))
                                .contains(new FlowResult.HungUp()));
        await().atMost(Duration.ofSeconds(30)).until(call::hungUp);
        assertThat(ivr.errors()).isZero();
    }
}
