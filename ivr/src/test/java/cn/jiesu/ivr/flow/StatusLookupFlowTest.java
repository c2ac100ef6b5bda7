package cn.jiesu.ivr.flow;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.core.appeal.AppealStatus;
import cn.jiesu.core.appeal.AppealStore;
import cn.jiesu.core.appeal.LookupBudget;
import cn.jiesu.core.intake.Citizen;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.testkit.InMemoryAppealStore;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
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

    private FlowResult run(IvrDefinition ivr, StatusLookupGuard guard, CallRef call, ScriptedChannel caller) {
        return new FlowInterpreter(ivr, appeals, WaitEstimator.ZERO, observer, guard).run("ivr", call, caller);
    }

    private static CallRef callFrom(String callerId) {
        CallRef c = DefaultIvr.call("ivr");
        return new CallRef(c.script(), c.channel(), c.uniqueid(), c.linkedid(), callerId, c.language(), c.params());
    }

    /** A daily budget that counts in memory: {@code limit} lookups per caller key (null: the anonymous bucket). */
    private static final class CountingBudget implements LookupBudget {
        final Map<String, Integer> spent = new ConcurrentHashMap<>();
        private final int limit;

        CountingBudget(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<Boolean> take(String caller) {
            int n = spent.merge(String.valueOf(caller), 1, Integer::sum);
            return CompletableFuture.completedFuture(n <= limit);
        }
    }

    @Test
    @DisplayName("An appeal in progress is read back with its due date as Mandarin digit groups")
    void inProgressReadBackInMandarin() {
        appeals.put("2026112800017", AppealStatus.IN_PROGRESS, DUE, DefaultIvr.CALLER);
        ScriptedChannel caller = ScriptedChannel.pressing("", "1", "9", "2026112800017#");

        FlowResult result = run(appeals, caller);

        assertThat(result).isEqualTo(new FlowResult.Completed());
        assertThat(caller.played())
                .containsSubsequence(
                        "jiesu/enter-appeal-no", "jiesu/status-in-progress", "jiesu/status-due", "jiesu/goodbye");
        assertThat(caller.commands)
                .containsSubsequence("SAY DIGITS 2026 \"\"", "SAY DIGITS 12 \"\"", "SAY DIGITS 5 \"\"");
        assertThat(caller.commands).contains("GET DATA jiesu/enter-appeal-no 8000 20");
        assertThat(caller.variables)
                .containsEntry("JIESU_OUTCOME", "status")
                .containsEntry("JIESU_ROUTE", "done")
                .containsEntry("JIESU_PATH", "lang:1,menu:9");
        assertThat(observer.played).contains("date:2026-12-05");
    }

    @Test
    @DisplayName("In English the due date is said with SAY DATETIME in Beijing time")
    void englishUsesSayDateTime() {
        appeals.put("55501", AppealStatus.RECEIVED, DUE, "+86 138-0013-8000"); // the caller, spelled otherwise
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
    @DisplayName("An unknown number is asked again up to three numbers in all, then an agent takes the call")
    void notFoundThreeTimesGoesToAgent() {
        ScriptedChannel caller = ScriptedChannel.pressing("", "1", "9", "11111#", "22222#", "33333#", "44444#");

        FlowResult result = run(appeals, caller);

        assertThat(result).isEqualTo(new FlowResult.Queued("general"));
        assertThat(caller.played()).filteredOn("jiesu/appeal-not-found"::equals).hasSize(3);
        assertThat(caller.played()).filteredOn("jiesu/enter-appeal-no"::equals).hasSize(3);
        assertThat(caller.played()).endsWith("jiesu/appeal-not-found", "jiesu/transfer-agent");
        assertThat(caller.variables).containsEntry("JIESU_OUTCOME", "agent");
    }

    @Test
    @DisplayName("The per-call bound holds whatever the flow allows: retries 9, still an agent after 3 unknown numbers")
    void missesPerCallBoundFlowRetries() {
        String yaml = DefaultIvr.text()
                .replace(
                        "retry: enter-appeal-no\n      # Three numbers in all (also the "
                                + "per-call bound of jiesu.yaml), then an agent.\n      retries: 2",
                        "retry: enter-appeal-no\n" + "      retries: 9");
        assertThat(yaml).contains("retries: 9");
        ScriptedChannel caller =
                ScriptedChannel.pressing("", "1", "9", "11111#", "22222#", "33333#", "44444#", "55555#");

        FlowResult result = run(
                IvrDefinition.parse(yaml, "test"), StatusLookupGuard.withoutBudget(), DefaultIvr.call("ivr"), caller);

        assertThat(result).isEqualTo(new FlowResult.Queued("general"));
        assertThat(caller.played()).filteredOn("jiesu/appeal-not-found"::equals).hasSize(3);
    }

    @Test
    @DisplayName("A caller who is not the appeal's citizen hears that it exists and its status, never the due date")
    void otherCallerHearsStatusOnly() {
        appeals.put("55505", AppealStatus.IN_PROGRESS, DUE, "13912345678");
        ScriptedChannel caller = ScriptedChannel.pressing("", "1", "9", "55505#");

        FlowResult result = run(appeals, caller);

        assertThat(result).isEqualTo(new FlowResult.Completed());
        assertThat(caller.played())
                .containsSubsequence("jiesu/status-in-progress", "jiesu/status-other-caller", "jiesu/goodbye")
                .doesNotContain("jiesu/status-due");
        assertThat(caller.commands).noneMatch(c -> c.startsWith("SAY"));
        assertThat(observer.played).noneMatch(p -> p.startsWith("date:"));
    }

    @Test
    @DisplayName("The citizen's stated phone or callback number also counts as theirs; a withheld number never does")
    void citizenNumbers() {
        Intake base = appeals.put("55506", AppealStatus.RECEIVED, DUE).intake();
        Intake stated = base.toBuilder()
                .citizen(new Citizen(null, null, "13800138000", "01062345678", null, false))
                .build();
        Intake callback = base.toBuilder().callbackNumber("013800138000").build();
        assertThat(StatusReadback.citizenCalling("13800138000", stated)).isTrue();
        assertThat(StatusReadback.citizenCalling("01062345678", stated)).isTrue();
        assertThat(StatusReadback.citizenCalling("13800138000", callback)).isTrue();
        assertThat(StatusReadback.citizenCalling("13900139000", stated)).isFalse();
        assertThat(StatusReadback.citizenCalling(null, base)).isFalse();

        ScriptedChannel anonymous = ScriptedChannel.pressing("", "1", "9", "55506#");
        run(DefaultIvr.load(), StatusLookupGuard.withoutBudget(), callFrom("anonymous"), anonymous);
        assertThat(anonymous.played())
                .contains("jiesu/status-received", "jiesu/status-other-caller")
                .doesNotContain("jiesu/status-due");
    }

    @Test
    @DisplayName("A calling number's daily budget spent: the limit prompt and an agent, and no lookup is made")
    void dailyBudgetSpent() {
        appeals.put("55507", AppealStatus.IN_PROGRESS, DUE, DefaultIvr.CALLER);
        CountingBudget budget = new CountingBudget(2);
        StatusLookupGuard guard = new StatusLookupGuard(budget, 3);
        // Two lookups today (one unknown, one found) spend the budget of 2.
        run(
                DefaultIvr.load(),
                guard,
                DefaultIvr.call("ivr"),
                ScriptedChannel.pressing("", "1", "9", "11111#", "55507#"));
        assertThat(budget.spent).containsEntry(DefaultIvr.CALLER, 2);

        ScriptedChannel third = ScriptedChannel.pressing("", "1", "9", "55507#");
        FlowResult result = run(DefaultIvr.load(), guard, DefaultIvr.call("ivr"), third);

        assertThat(result).isEqualTo(new FlowResult.Queued("general"));
        assertThat(third.played())
                .containsSubsequence("jiesu/enter-appeal-no", "jiesu/status-limit", "jiesu/transfer-agent")
                .doesNotContain("jiesu/status-in-progress");
        assertThat(third.variables).containsEntry("JIESU_OUTCOME", "agent");

        // Callers without a number share one bucket, apart from numbered callers.
        run(DefaultIvr.load(), guard, callFrom(null), ScriptedChannel.pressing("", "1", "9", "55507#"));
        run(DefaultIvr.load(), guard, callFrom(""), ScriptedChannel.pressing("", "1", "9", "55507#"));
        ScriptedChannel anonymous = ScriptedChannel.pressing("", "1", "9", "55507#");
        run(DefaultIvr.load(), guard, callFrom("anonymous"), anonymous);
        assertThat(budget.spent).containsEntry("null", 3);
        assertThat(anonymous.played()).contains("jiesu/status-limit");
    }

    @Test
    @DisplayName("A budget that cannot be kept (Redis down): no lookup, an agent, the error reported")
    void budgetFailureGoesToAgent() {
        appeals.put("55508", AppealStatus.IN_PROGRESS, DUE, DefaultIvr.CALLER);
        LookupBudget down = caller -> CompletableFuture.failedFuture(new IllegalStateException("redis down"));
        ScriptedChannel caller = ScriptedChannel.pressing("", "1", "9", "55508#");

        FlowResult result = run(DefaultIvr.load(), new StatusLookupGuard(down, 3), DefaultIvr.call("ivr"), caller);

        assertThat(result).isEqualTo(new FlowResult.Queued("general"));
        assertThat(caller.played()).doesNotContain("jiesu/status-in-progress");
        assertThat(observer.degraded).containsExactly("lookup");
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
        appeals.put("55504", AppealStatus.RECEIVED, null, DefaultIvr.CALLER);
        ScriptedChannel caller = ScriptedChannel.pressing("", "1", "9", "12#", "55504#");

        run(appeals, caller);

        assertThat(caller.played())
                .containsSubsequence("jiesu/invalid", "jiesu/enter-appeal-no", "jiesu/status-received");
    }
}
