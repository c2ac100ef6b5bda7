package cn.jiesu.core.callback;

import static cn.jiesu.core.callback.Beijing.at;
import static cn.jiesu.core.callback.Beijing.clockAt;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CallbackPlannerTest {
    private static final String NUMBER = "13800138000";

    private static CallbackPlanner planner(String now) {
        return new CallbackPlanner(CallbackConfig.DEFAULT, clockAt(now));
    }

    private static CallbackDraft draft(CallbackKind kind, String notBefore, String deadline, boolean emergency) {
        return new CallbackDraft("I1", kind, NUMBER, at(notBefore), at(deadline), emergency, null, null);
    }

    @Test
    @DisplayName("a deadline inside the open window is kept as placeBy and notBefore is untouched")
    void openWindow() {
        CallbackPlanner.Times t =
                planner("2026-03-10T10:00:00").times(at("2026-03-10T10:00:00"), at("2026-03-10T12:00:00"), false);
        assertThat(t).isEqualTo(new CallbackPlanner.Times(at("2026-03-10T10:00:00"), at("2026-03-10T12:00:00")));
    }

    @Test
    @DisplayName("a deadline in quiet hours is brought forward: placeBy 21:00, eligible by 20:30 at the latest")
    void bringForward() {
        CallbackPlanner p = planner("2026-03-10T14:00:00");
        CallbackPlanner.Times t = p.times(at("2026-03-10T20:45:00"), at("2026-03-10T22:45:00"), false);
        assertThat(t.placeBy()).isEqualTo(at("2026-03-10T21:00:00"));
        assertThat(t.notBefore()).isEqualTo(at("2026-03-10T20:30:00"));
        // Already eligible earlier than the lead: notBefore stays.
        t = p.times(at("2026-03-10T19:30:00"), at("2026-03-10T21:30:00"), false);
        assertThat(t).isEqualTo(new CallbackPlanner.Times(at("2026-03-10T19:30:00"), at("2026-03-10T21:00:00")));
    }

    @Test
    @DisplayName("bring-forward never makes a callback eligible before now")
    void bringForwardNotBeforeNow() {
        CallbackPlanner p = planner("2026-03-10T20:50:00");
        CallbackPlanner.Times t = p.times(at("2026-03-10T20:50:00"), at("2026-03-10T22:50:00"), false);
        assertThat(t).isEqualTo(new CallbackPlanner.Times(at("2026-03-10T20:50:00"), at("2026-03-10T21:00:00")));
    }

    @Test
    @DisplayName("a deadline the night after a blackout day is brought forward to the last open evening before it")
    void bringForwardAcrossBlackout() {
        CallbackConfig cfg = CallbackConfig.DEFAULT.withWindow(new CallingWindow(
                CallingWindow.BEIJING,
                CallingWindow.DEFAULT_QUIET_START,
                CallingWindow.DEFAULT_QUIET_END,
                java.util.Set.of(java.time.LocalDate.parse("2026-10-01"))));
        CallbackPlanner p = new CallbackPlanner(cfg, clockAt("2026-09-30T10:00:00"));
        // Keeping the deadline wins over waiting: eligible on the evening before the holiday.
        CallbackPlanner.Times t = p.times(at("2026-10-01T10:00:00"), at("2026-10-01T18:00:00"), false);
        assertThat(t.placeBy()).isEqualTo(at("2026-09-30T21:00:00"));
        assertThat(t.notBefore()).isEqualTo(at("2026-09-30T20:30:00"));
        t = p.times(at("2026-09-30T10:00:00"), at("2026-10-01T18:00:00"), false);
        assertThat(t.placeBy()).isEqualTo(at("2026-09-30T21:00:00"));
        assertThat(t.notBefore()).isEqualTo(at("2026-09-30T10:00:00"));
    }

    @Test
    @DisplayName("asked for during quiet hours with a deadline inside them: first thing at 08:00, deadline kept")
    void noOpenTimeLeft() {
        CallbackPlanner p = planner("2026-03-10T21:30:00");
        CallbackPlanner.Times t = p.times(at("2026-03-10T21:30:00"), at("2026-03-10T23:30:00"), false);
        assertThat(t.notBefore()).isEqualTo(at("2026-03-11T08:00:00"));
        assertThat(t.placeBy()).isEqualTo(at("2026-03-10T23:30:00"));
    }

    @Test
    @DisplayName("emergencies ignore the calling window")
    void emergencyExempt() {
        CallbackPlanner p = planner("2026-03-10T22:00:00");
        CallbackPlanner.Times t = p.times(at("2026-03-10T22:00:00"), at("2026-03-11T00:00:00"), true);
        assertThat(t).isEqualTo(new CallbackPlanner.Times(at("2026-03-10T22:00:00"), at("2026-03-11T00:00:00")));
        CallbackRequest r = p.plan(
                "C1", draft(CallbackKind.CALLBACK_REQUESTED, "2026-03-10T22:00:00", "2026-03-11T00:00:00", true));
        assertThat(p.placeable(r, at("2026-03-10T22:00:00"))).isTrue();
        assertThat(r.queue()).isEqualTo("priority");
    }

    @Test
    @DisplayName("plan applies the kind's default mode and the default queue")
    void planDefaults() {
        CallbackPlanner p = planner("2026-03-10T10:00:00");
        CallbackRequest survey =
                p.plan("C1", draft(CallbackKind.SURVEY, "2026-03-10T10:00:00", "2026-03-11T10:00:00", false));
        assertThat(survey.mode()).isEqualTo(CallbackMode.CITIZEN_FIRST);
        assertThat(survey.queue()).isEqualTo("general");
        assertThat(survey.status()).isEqualTo(CallbackStatus.PENDING);
        assertThat(survey.rev()).isEqualTo(1);
        CallbackRequest rv =
                p.plan("C2", draft(CallbackKind.RETURN_VISIT, "2026-03-10T10:00:00", "2026-03-10T12:00:00", false));
        assertThat(rv.mode()).isEqualTo(CallbackMode.AGENT_FIRST);
    }

    @Test
    @DisplayName("placeable now: due, pending, in the window; ordered by earliest deadline, not by arrival")
    void edfOrder() {
        CallbackPlanner p = planner("2026-03-10T10:00:00");
        CallbackRequest first =
                p.plan("A", draft(CallbackKind.RETURN_VISIT, "2026-03-10T09:00:00", "2026-03-10T11:30:00", false));
        CallbackRequest urgent = p.plan(
                "B", draft(CallbackKind.CALLBACK_REQUESTED, "2026-03-10T09:50:00", "2026-03-10T10:20:00", false));
        CallbackRequest later =
                p.plan("C", draft(CallbackKind.RETURN_VISIT, "2026-03-10T10:30:00", "2026-03-10T10:40:00", false));
        CallbackRequest dialing = p.plan(
                        "D", draft(CallbackKind.RETURN_VISIT, "2026-03-10T09:00:00", "2026-03-10T10:10:00", false))
                .withStatus(CallbackStatus.DIALING);
        assertThat(p.placeableNow(List.of(first, urgent, later, dialing)))
                .extracting(CallbackRequest::callbackId)
                .containsExactly("B", "A");
    }

    @Test
    @DisplayName("EDF is a total order: a random backlog sorts by placeBy, emergencies first on ties")
    void edfTotal() {
        CallbackPlanner p = planner("2026-03-10T10:00:00");
        Random random = new Random(7);
        List<CallbackRequest> all = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            Instant dl = at("2026-03-10T11:00:00").plusSeconds(random.nextInt(3600) / 60 * 60);
            all.add(p.plan(
                    "C" + i,
                    new CallbackDraft(
                            "I" + i,
                            CallbackKind.RETURN_VISIT,
                            NUMBER,
                            at("2026-03-10T09:00:00"),
                            dl,
                            random.nextBoolean(),
                            null,
                            null)));
        }
        List<CallbackRequest> sorted = p.placeableNow(all);
        assertThat(sorted).hasSize(500);
        for (int i = 1; i < sorted.size(); i++) {
            CallbackRequest a = sorted.get(i - 1);
            CallbackRequest b = sorted.get(i);
            assertThat(a.placeBy()).isBeforeOrEqualTo(b.placeBy());
            if (a.placeBy().equals(b.placeBy()) && a.emergency() != b.emergency()) {
                assertThat(a.emergency()).isTrue();
            }
        }
    }

    @Test
    @DisplayName("non-emergency callbacks are not placeable in quiet hours even when due")
    void notPlaceableInQuietHours() {
        CallbackPlanner p = planner("2026-03-10T20:00:00");
        CallbackRequest r =
                p.plan("A", draft(CallbackKind.RETURN_VISIT, "2026-03-10T20:00:00", "2026-03-11T12:00:00", false));
        assertThat(p.placeable(r, at("2026-03-10T20:59:59"))).isTrue();
        assertThat(p.placeable(r, at("2026-03-10T21:00:00"))).isFalse();
        assertThat(p.placeable(r, at("2026-03-11T08:00:00"))).isTrue();
    }

    @Test
    @DisplayName("the same request again never delays the promise: earlier deadline wins, a repeat changes nothing")
    void mergeSameKind() {
        CallbackPlanner p = planner("2026-03-10T10:00:00");
        CallbackRequest r = p.plan(
                "A", draft(CallbackKind.CALLBACK_REQUESTED, "2026-03-10T10:00:00", "2026-03-10T12:00:00", false));
        assertThat(p.merge(
                        r, draft(CallbackKind.CALLBACK_REQUESTED, "2026-03-10T10:00:00", "2026-03-10T12:00:00", false)))
                .isSameAs(r);
        assertThat(p.merge(
                        r, draft(CallbackKind.CALLBACK_REQUESTED, "2026-03-10T10:30:00", "2026-03-10T12:30:00", false)))
                .isSameAs(r);
        CallbackRequest earlier =
                p.merge(r, draft(CallbackKind.CALLBACK_REQUESTED, "2026-03-10T10:05:00", "2026-03-10T11:00:00", false));
        assertThat(earlier.callbackId()).isEqualTo("A");
        assertThat(earlier.deadline()).isEqualTo(at("2026-03-10T11:00:00"));
        assertThat(earlier.notBefore()).isEqualTo(at("2026-03-10T10:00:00"));
        assertThat(earlier.rev()).isEqualTo(2);
        CallbackRequest urgent =
                p.merge(r, draft(CallbackKind.CALLBACK_REQUESTED, "2026-03-10T10:05:00", "2026-03-10T12:00:00", true));
        assertThat(urgent.emergency()).isTrue();
        assertThat(urgent.queue()).isEqualTo("priority");
    }

    @Test
    @DisplayName("a survey takes over an open return visit: kind, times and a fresh retry budget, history kept")
    void mergeOtherKind() {
        CallbackPlanner p = planner("2026-03-10T10:00:00");
        AttemptRecord busy = new AttemptRecord(
                1, CallbackOutcome.BUSY, at("2026-03-10T09:00:00"), at("2026-03-10T09:01:00"), "gw-1");
        CallbackRequest rv = new CallbackRequest(
                "A",
                "I1",
                CallbackKind.RETURN_VISIT,
                NUMBER,
                at("2026-03-10T11:00:00"),
                at("2026-03-10T11:00:00"),
                at("2026-03-10T10:10:00"),
                false,
                CallbackMode.AGENT_FIRST,
                "general",
                1,
                List.of(busy),
                CallbackStatus.PENDING,
                at("2026-03-10T09:00:00"),
                3);
        CallbackRequest survey =
                p.merge(rv, draft(CallbackKind.SURVEY, "2026-03-10T10:00:00", "2026-03-11T10:00:00", false));
        assertThat(survey.kind()).isEqualTo(CallbackKind.SURVEY);
        assertThat(survey.mode()).isEqualTo(CallbackMode.CITIZEN_FIRST);
        assertThat(survey.attempts()).isZero();
        assertThat(survey.history()).containsExactly(busy);
        assertThat(survey.rev()).isEqualTo(4);
        assertThat(survey.createdAt()).isEqualTo(rv.createdAt());
    }

    @Test
    @DisplayName("an agent-scheduled time replaces the previous one, later or earlier")
    void mergeScheduled() {
        CallbackPlanner p = planner("2026-03-10T10:00:00");
        CallbackRequest r =
                p.plan("A", draft(CallbackKind.AGENT_SCHEDULED, "2026-03-10T15:00:00", "2026-03-10T15:30:00", false));
        CallbackRequest moved =
                p.merge(r, draft(CallbackKind.AGENT_SCHEDULED, "2026-03-11T09:00:00", "2026-03-11T09:30:00", false));
        assertThat(moved.notBefore()).isEqualTo(at("2026-03-11T09:00:00"));
        assertThat(moved.placeBy()).isEqualTo(at("2026-03-11T09:30:00"));
    }

    @Test
    @DisplayName("a late intake-time trigger leaves an agent's booking and a survey as they are")
    void lateTriggerKeepsBookingAndSurvey() {
        CallbackPlanner p = planner("2026-03-10T10:00:00");
        CallbackRequest booked =
                p.plan("A", draft(CallbackKind.AGENT_SCHEDULED, "2026-03-10T15:00:00", "2026-03-10T15:30:00", false));
        for (CallbackKind late :
                List.of(CallbackKind.RETURN_VISIT, CallbackKind.ABANDONED_CALL, CallbackKind.CALLBACK_REQUESTED)) {
            assertThat(p.merge(booked, draft(late, "2026-03-09T10:00:00", "2026-03-09T12:00:00", false)))
                    .as(late.name())
                    .isSameAs(booked);
        }
        CallbackRequest survey =
                p.plan("B", draft(CallbackKind.SURVEY, "2026-03-10T10:00:00", "2026-03-11T10:00:00", false));
        assertThat(p.merge(
                        survey, draft(CallbackKind.RETURN_VISIT, "2026-03-09T10:00:00", "2026-03-09T12:00:00", false)))
                .isSameAs(survey);
        // The other way round still holds: the booking and the survey take over an intake-time callback.
        CallbackRequest rv =
                p.plan("C", draft(CallbackKind.RETURN_VISIT, "2026-03-10T10:00:00", "2026-03-10T12:00:00", false));
        assertThat(p.merge(rv, draft(CallbackKind.AGENT_SCHEDULED, "2026-03-10T15:00:00", "2026-03-10T15:30:00", false))
                        .kind())
                .isEqualTo(CallbackKind.AGENT_SCHEDULED);
    }

    @Test
    @DisplayName("after an attempt: answered is REACHED; unreached retries until the budget or placeBy runs out")
    void decide() {
        CallbackPlanner p = planner("2026-03-10T10:00:00");
        CallbackAttempt a1 = attempt(1, 0, "2026-03-10T12:00:00", false);
        assertThat(p.decide(a1, CallbackOutcome.ANSWERED, at("2026-03-10T10:01:00")))
                .isEqualTo(new AttemptDecision.Final(CallbackStatus.REACHED));
        assertThat(p.decide(a1, CallbackOutcome.BUSY, at("2026-03-10T10:01:00")))
                .isEqualTo(new AttemptDecision.RetryAt(at("2026-03-10T10:11:00")));
        CallbackAttempt a3 = attempt(3, 2, "2026-03-10T12:00:00", false);
        assertThat(p.decide(a3, CallbackOutcome.BUSY, at("2026-03-10T10:01:00")))
                .isEqualTo(new AttemptDecision.Final(CallbackStatus.UNREACHED));
        // attempt 3 whose attempt 2 never started: only 2 started attempts, one retry left
        CallbackAttempt a3b = attempt(3, 1, "2026-03-10T12:00:00", false);
        assertThat(p.decide(a3b, CallbackOutcome.NO_ANSWER, at("2026-03-10T10:01:00")))
                .isInstanceOf(AttemptDecision.RetryAt.class);
        CallbackAttempt tight = attempt(1, 0, "2026-03-10T10:05:00", false);
        assertThat(p.decide(tight, CallbackOutcome.CONGESTION, at("2026-03-10T10:01:00")))
                .isEqualTo(new AttemptDecision.Final(CallbackStatus.UNREACHED));
    }

    @Test
    @DisplayName("retries never go past the deadline, whatever the outcomes and timing")
    void retriesBoundedExhaustively() {
        CallbackPlanner p = planner("2026-03-10T10:00:00");
        Random random = new Random(11);
        for (int run = 0; run < 2000; run++) {
            Instant placeBy = at("2026-03-10T08:00:00").plusSeconds(random.nextInt(86_400 * 2));
            boolean emergency = random.nextInt(5) == 0;
            Instant ended = at("2026-03-10T08:00:00").plusSeconds(random.nextInt(86_400 * 2));
            CallbackOutcome o = CallbackOutcome.values()[random.nextInt(CallbackOutcome.values().length)];
            int prior = random.nextInt(4);
            CallbackAttempt a = new CallbackAttempt(
                    "C",
                    prior + 1,
                    prior,
                    "I",
                    CallbackKind.RETURN_VISIT,
                    CallbackMode.AGENT_FIRST,
                    NUMBER,
                    "general",
                    emergency,
                    placeBy,
                    placeBy,
                    ended,
                    1,
                    ended,
                    ended.plusSeconds(30));
            if (p.decide(a, o, ended) instanceof AttemptDecision.RetryAt r) {
                assertThat(r.at()).isBefore(placeBy).isAfterOrEqualTo(ended);
                assertThat(prior + 1).isLessThan(RetryPolicy.DEFAULT_MAX_ATTEMPTS);
                if (!emergency) {
                    assertThat(CallingWindow.DEFAULT.isOpen(r.at())).isTrue();
                }
            }
        }
    }

    @Test
    @DisplayName("lateness counts from notBefore, or from 08:00 when it waited out the night")
    void lateness() {
        CallbackPlanner p = planner("2026-03-11T08:00:00");
        CallbackAttempt a = attempt(1, 0, "2026-03-11T12:00:00", false);
        assertThat(p.lateness(a, at("2026-03-10T10:00:00.250"))).isEqualTo(Duration.ofMillis(250));
        CallbackAttempt night = new CallbackAttempt(
                "C",
                1,
                0,
                "I",
                CallbackKind.RETURN_VISIT,
                CallbackMode.AGENT_FIRST,
                NUMBER,
                "general",
                false,
                at("2026-03-11T12:00:00"),
                at("2026-03-11T12:00:00"),
                at("2026-03-10T20:59:00"),
                1,
                at("2026-03-11T08:00:00"),
                at("2026-03-11T08:00:30"));
        assertThat(p.lateness(night, at("2026-03-11T08:00:00.400"))).isEqualTo(Duration.ofMillis(400));
        assertThat(p.lateness(a, at("2026-03-10T09:00:00"))).isZero();
    }

    private static CallbackAttempt attempt(int n, int prior, String placeBy, boolean emergency) {
        return new CallbackAttempt(
                "C",
                n,
                prior,
                "I",
                CallbackKind.RETURN_VISIT,
                CallbackMode.AGENT_FIRST,
                NUMBER,
                "general",
                emergency,
                at(placeBy),
                at(placeBy),
                at("2026-03-10T10:00:00"),
                1,
                at("2026-03-10T10:00:00"),
                at("2026-03-10T10:00:30"));
    }
}
