package cn.jiesu.core.callback;

import static cn.jiesu.core.callback.Beijing.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RetryPolicyTest {
    private final RetryPolicy policy = RetryPolicy.DEFAULT;
    private final CallingWindow window = CallingWindow.DEFAULT;

    @ParameterizedTest
    @EnumSource(value = CallbackOutcome.class, names = "ANSWERED", mode = EnumSource.Mode.EXCLUDE)
    @DisplayName("by default every unreached outcome retries 10 minutes later, 3 attempts in all")
    void defaults(CallbackOutcome outcome) {
        Instant ended = at("2026-03-10T10:00:00");
        Instant placeBy = at("2026-03-10T12:00:00");
        assertThat(policy.nextAttempt(1, outcome, ended, placeBy, false, window))
                .contains(at("2026-03-10T10:10:00"));
        assertThat(policy.nextAttempt(2, outcome, ended, placeBy, false, window))
                .contains(at("2026-03-10T10:10:00"));
        assertThat(policy.nextAttempt(3, outcome, ended, placeBy, false, window))
                .isEmpty();
    }

    @Test
    @DisplayName("an answered call never retries; an answering machine does")
    void answeredIsFinal() {
        Instant ended = at("2026-03-10T10:00:00");
        assertThat(policy.nextAttempt(1, CallbackOutcome.ANSWERED, ended, at("2026-03-10T12:00:00"), false, window))
                .isEmpty();
        assertThat(policy.nextAttempt(1, CallbackOutcome.MACHINE, ended, at("2026-03-10T12:00:00"), false, window))
                .isPresent();
        assertThat(CallbackOutcome.MACHINE.reached()).isFalse();
    }

    @Test
    @DisplayName("a retry is never scheduled at or past placeBy")
    void neverPastDeadline() {
        Instant ended = at("2026-03-10T11:50:00");
        assertThat(policy.nextAttempt(1, CallbackOutcome.BUSY, ended, at("2026-03-10T12:00:00"), false, window))
                .isEmpty();
        assertThat(policy.nextAttempt(1, CallbackOutcome.BUSY, ended, at("2026-03-10T12:00:00.001"), false, window))
                .contains(at("2026-03-10T12:00:00"));
    }

    @Test
    @DisplayName("a retry that would fall in quiet hours waits for 08:00, unless an emergency")
    void quietHoursRetry() {
        Instant ended = at("2026-03-10T20:55:00");
        Instant placeBy = at("2026-03-11T12:00:00");
        assertThat(policy.nextAttempt(1, CallbackOutcome.NO_ANSWER, ended, placeBy, false, window))
                .contains(at("2026-03-11T08:00:00"));
        assertThat(policy.nextAttempt(1, CallbackOutcome.NO_ANSWER, ended, placeBy, true, window))
                .contains(at("2026-03-10T21:05:00"));
        assertThat(policy.nextAttempt(1, CallbackOutcome.NO_ANSWER, ended, at("2026-03-10T22:00:00"), false, window))
                .isEmpty();
    }

    @Test
    @DisplayName("rules differ per outcome: busy soon and often, congestion rarely")
    void perOutcome() {
        Map<CallbackOutcome, RetryPolicy.Retry> m = new EnumMap<>(RetryPolicy.DEFAULT.perOutcome());
        m.put(CallbackOutcome.BUSY, new RetryPolicy.Retry(Duration.ofMinutes(2), 5));
        m.put(CallbackOutcome.CONGESTION, new RetryPolicy.Retry(Duration.ofMinutes(1), 1));
        RetryPolicy p = new RetryPolicy(m);
        Instant ended = at("2026-03-10T10:00:00");
        Instant placeBy = at("2026-03-10T12:00:00");
        assertThat(p.nextAttempt(4, CallbackOutcome.BUSY, ended, placeBy, false, window))
                .contains(at("2026-03-10T10:02:00"));
        assertThat(p.nextAttempt(1, CallbackOutcome.CONGESTION, ended, placeBy, false, window))
                .isEmpty();
    }

    @Test
    @DisplayName("a policy missing an outcome names the key")
    void validation() {
        Map<CallbackOutcome, RetryPolicy.Retry> m = new EnumMap<>(RetryPolicy.DEFAULT.perOutcome());
        m.remove(CallbackOutcome.NO_ANSWER);
        assertThatThrownBy(() -> new RetryPolicy(m)).hasMessage("callbacks.retry.no-answer: missing");
        assertThatThrownBy(() -> new RetryPolicy.Retry(Duration.ofMinutes(1), 0))
                .hasMessageStartingWith("max-attempts:");
    }
}
