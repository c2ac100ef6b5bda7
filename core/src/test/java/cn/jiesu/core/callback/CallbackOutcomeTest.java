package cn.jiesu.core.callback;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CallbackOutcomeTest {
    @Test
    @DisplayName("OriginateResponse maps as Asterisk 22 reports it: Success/4, Failure/5, /3, /8")
    void fromOriginate() {
        assertThat(CallbackOutcome.fromOriginate(true, 4)).isEqualTo(CallbackOutcome.ANSWERED);
        assertThat(CallbackOutcome.fromOriginate(false, 5)).isEqualTo(CallbackOutcome.BUSY);
        assertThat(CallbackOutcome.fromOriginate(false, 3)).isEqualTo(CallbackOutcome.NO_ANSWER);
        assertThat(CallbackOutcome.fromOriginate(false, 8)).isEqualTo(CallbackOutcome.CONGESTION);
        assertThat(CallbackOutcome.fromOriginate(false, 0)).isEqualTo(CallbackOutcome.FAILED);
        assertThat(CallbackOutcome.fromOriginate(false, 1)).isEqualTo(CallbackOutcome.FAILED);
    }

    @Test
    @DisplayName("the ChannelId of an attempt is deterministic: cb-<callbackId>-<attempt>")
    void channelId() {
        assertThat(CallbackAttempt.channelIdOf("01J0ABC", 2)).isEqualTo("cb-01J0ABC-2");
    }
}
