package cn.jiesu.ivr.flow;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.core.appeal.AppealStatus;
import cn.jiesu.core.appeal.AppealStore;
import cn.jiesu.ivr.support.InMemoryAppealStore;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** 9 + appeal number + #: the status read back from the appeal store. */
class StatusLookupFlowTest {
    private static final Instant DUE = Instant.parse("2026-12-05T01:00:00Z"); // 09:00 in Beijing
    private final InMemoryAppealStore appeals = new InMemoryAppealStore();
    private final RecordingObserver observer = new RecordingObserver();

    private FlowResult run(AppealStore store, ScriptedChannel caller) {
        return new FlowInterpreter(DefaultIvr.load(), store, WaitEstimator.ZERO, observer)
                .run("ivr", DefaultIvr.call("ivr"), caller);
    }

    @Test
    @DisplayName("An appeal in progress is read back with its due date as Mandarin digit groups")
    void inProgressReadBackInMandarin() {
        appeals.put("2026112800017", AppealStatus.IN_PROGRESS, DUE);
        ScriptedChannel caller = ScriptedChannel.pressing("", "1", "9", "2026112800017#");

        FlowResult result = run(appeals, caller);

        assertThat(result).isEqualTo(new FlowResult.Completed());
        assertThat(caller.played()).containsSubsequence("jiesu/enter-appeal-no", "jiesu/status-in-progress",
                "jiesu/status-due", "jiesu/goodbye");
        assertThat(caller.commands).containsSubsequence("SAY DIGITS 2026 \"\"", "SAY DIGITS 12 \"\"",
                "SAY DIGITS 5 \"\"");
        assertThat(caller.commands).contains("GET DATA jiesu/enter-appeal-no 8000 20");
        assertThat(caller.variables).containsEntry("JIESU_OUTCOME", "status").containsEntry("JIESU_ROUTE", "done")
                .containsEntry("JIESU_PATH", "lang:1,menu:9");
        assertThat(observer.played).contains("date:2026-12-05");
    }

    @Test
    @DisplayName("In English the due date is said with SAY DATETIME in Beijing time")
    void englishUsesSayDateTime() {
        appeals.put("55501", AppealStatus.RECEIVED, DUE);
        ScriptedChannel caller = ScriptedChannel.pressing("", "2", "9", "55501#");

        run(appeals, caller);

        assertThat(caller.played()).contains("jiesu/status-received");
        assertThat(caller.commands).contains("SAY DATETIME " + DUE.getEpochSecond() + " \"\" BdY Asia/Shanghai");
    }

    @Test
    @DisplayName("A resolved appeal is read back without a due date")
    void resolvedHasNoDueDate() {
        appeals.put("55502", AppealStatus.CLOSED, DUE);
        ScriptedChannel caller = ScriptedChannel.pressing("", "1", "9", "55502#");

        run(appeals, caller);

        assertThat(caller.played()).contains("jiesu/status-resolved").doesNotContain("jiesu/status-due");
    }

    @Test
    @DisplayName("An unknown number is asked once more, then an agent takes the call")
    void notFoundTwiceGoesToAgent() {
        ScriptedChannel caller = ScriptedChannel.pressing("", "1", "9", "11111#", "22222#");

        FlowResult result = run(appeals, caller);

        assertThat(result).isEqualTo(new FlowResult.Queued("general"));
        assertThat(caller.played()).filteredOn("jiesu/appeal-not-found"::equals).hasSize(2);
        assertThat(caller.variables).containsEntry("JIESU_OUTCOME", "agent");
    }

    @Test
    @DisplayName("A store that does not answer in time: the caller goes to an agent and the error is reported")
    void lookupTimeoutGoesToAgent() {
        AppealStore silent = new InMemoryAppealStore().stallLookups();
        ScriptedChannel caller = ScriptedChannel.pressing("", "1", "9", "55503#");

        FlowResult result = run(silent, caller);

        assertThat(result).isEqualTo(new FlowResult.Queued("general"));
        assertThat(observer.degraded).containsExactly("lookup");
    }

    @Test
    @DisplayName("Too few digits are invalid and asked again")
    void tooFewDigits() {
        appeals.put("55504", AppealStatus.RECEIVED, null);
        ScriptedChannel caller = ScriptedChannel.pressing("", "1", "9", "12#", "55504#");

        run(appeals, caller);

        assertThat(caller.played()).containsSubsequence("jiesu/invalid", "jiesu/enter-appeal-no",
                "jiesu/status-received");
    }
}
