package cn.jiesu.ivr.ami;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.ivr.call.CallEvent;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Originate outcomes from real OriginateResponse events")
class OriginateOutcomeTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "ami-callback-answer.raw, ANSWERED",
        "ami-callback-answer-app.raw, ANSWERED",
        "ami-callback-busy.raw, BUSY",
        "ami-callback-noanswer.raw, NO_ANSWER",
        "ami-callback-congestion.raw, CONGESTION"
    })
    @DisplayName("Success/4, Failure/5, Failure/3 and Failure/8 map to answered, busy, no answer and congestion")
    void captureMapsToOutcome(String fixture, OriginateOutcome expected) {
        CallEvent.OriginateResponded r = responses(fixture).getFirst();
        assertThat(OriginateOutcome.of(r.success(), r.reason())).isEqualTo(expected);
        assertThat(r.actionId()).isEqualTo(fixture.replace("ami-", "").replace(".raw", ""));
    }

    @Test
    @DisplayName("A failed Originate without ChannelId reports Uniqueid <unknown>, so only the ActionID matches it")
    void failedOriginateHasNoUniqueid() {
        assertThat(responses("ami-callback-busy.raw").getFirst().uniqueid()).isNull();
    }

    @Test
    @DisplayName("Reasons without a specific meaning are failures; busy-like outcomes are worth retrying")
    void otherReasons() {
        assertThat(OriginateOutcome.of(false, 0)).isEqualTo(OriginateOutcome.FAILED);
        assertThat(OriginateOutcome.of(false, 1)).isEqualTo(OriginateOutcome.HUNG_UP);
        assertThat(OriginateOutcome.of(false, 42)).isEqualTo(OriginateOutcome.FAILED);
        assertThat(OriginateOutcome.BUSY.retriable()).isTrue();
        assertThat(OriginateOutcome.REJECTED.retriable()).isFalse();
        assertThat(OriginateOutcome.ANSWERED.retriable()).isFalse();
    }

    @Test
    @DisplayName("Our ChannelId prefix is the one the call tracker treats as outbound")
    void prefixMatchesTracker() {
        assertThat(OriginateRequest.CHANNEL_ID_PREFIX)
                .isEqualTo(cn.jiesu.ivr.call.TrackerSettings.DEFAULT_OUTBOUND_ID_PREFIX);
    }

    private static List<CallEvent.OriginateResponded> responses(String fixture) {
        RawEventTranslator t = new RawEventTranslator(Clock.systemUTC());
        List<AmiFrame> frames = new java.util.ArrayList<>();
        new AmiFrameDecoder(frames::add).feed(Fragments.fixture(fixture));
        return frames.stream()
                .map(t::translate)
                .filter(Objects::nonNull)
                .filter(e -> e instanceof CallEvent.OriginateResponded)
                .map(CallEvent.OriginateResponded.class::cast)
                .toList();
    }
}
