package cn.jiesu.ivr.call;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.core.intake.CallDisposition;
import cn.jiesu.core.intake.Channel;
import cn.jiesu.core.intake.ContentType;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.intake.ReplyMode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Call tracker on real Asterisk 22 captures")
class CallTrackerCaptureTest {

    @Test
    @DisplayName("A simulated citizen's call that ends in the IVR becomes one abandoned phone appeal to call back")
    void inboundIvrCallBecomesOneAbandonedAppeal() {
        TrackerHarness h = new TrackerHarness();
        h.apply(CaptureCalls.events("ami-inbound-ivr.raw", h.clock));
        assertThat(h.intakes).isEmpty(); // late events may still come during the grace period
        h.settle();

        Intake intake = assertThat(h.intakes).singleElement().actual();
        assertThat(intake.channel()).isEqualTo(Channel.PHONE);
        assertThat(intake.channelAccount()).isEqualTo("12345");
        assertThat(intake.channelMessageId()).isEqualTo("1795844503.0");
        assertThat(intake.dedupeKey()).isEqualTo("PHONE|12345|1795844503.0");
        assertThat(intake.contentType()).isEqualTo(ContentType.CALL);
        assertThat(intake.citizen().callerNumber()).isEqualTo("13800138000");
        assertThat(intake.callbackRequested()).isTrue();
        assertThat(intake.callbackNumber()).isEqualTo("13800138000");
        assertThat(intake.replyRoute().channel()).isEqualTo(Channel.PHONE);
        assertThat(intake.replyRoute().mode()).isEqualTo(ReplyMode.CALLBACK);
        assertThat(intake.signatureVerified()).isTrue();
        assertThat(intake.signatureScheme()).isEqualTo("AMI");
        assertThat(intake.dueAt()).isEqualTo(intake.receivedAt().plus(Duration.ofDays(7)));
        assertThat(intake.call().disposition()).isEqualTo(CallDisposition.ABANDONED_IVR);
        assertThat(intake.call().uniqueid()).isEqualTo("1795844503.0");
        assertThat(intake.call().dnis()).isEqualTo("12345");
        assertThat(intake.call().hangupCause()).isZero();
        assertThat(h.counter("calls.ended", "disposition", "abandoned_ivr")).isEqualTo(1);
        assertThat(h.tracker.tracked()).isZero();
    }

    @Test
    @DisplayName("A real SIP call (PJSIP channel created at public,12345) is tracked the same way")
    void sipCallIsInbound() {
        TrackerHarness h = new TrackerHarness();
        h.apply(CaptureCalls.events("ami-sip-inbound-ivr.raw", h.clock));
        h.settle();
        assertThat(h.intakes).singleElement().satisfies(i -> {
            assertThat(i.channelMessageId()).isEqualTo("1795844537.0");
            assertThat(i.citizen().callerNumber()).isEqualTo("13900139000");
            assertThat(i.call().disposition()).isEqualTo(CallDisposition.ABANDONED_IVR);
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "ami-callback-answer.raw",
                "ami-callback-busy.raw",
                "ami-callback-noanswer.raw",
                "ami-callback-congestion.raw",
                "ami-callback-answer-app.raw",
                "ami-list-and-hangup.raw"
            })
    @DisplayName("Outbound callbacks and calls that never reach public,12345 become no appeal")
    void otherCallsBecomeNoAppeal(String fixture) {
        TrackerHarness h = new TrackerHarness();
        h.apply(CaptureCalls.events(fixture, h.clock));
        h.settle();
        assertThat(h.intakes).isEmpty();
        assertThat(h.tracker.board().calls()).isEmpty();
    }

    @Test
    @DisplayName("Any interleaving of the channels' events, with every event delivered twice, gives the same appeal")
    void reorderedAndDuplicatedEventsGiveTheSameAppeal() {
        TrackerHarness reference = new TrackerHarness();
        List<CallEvent> events = CaptureCalls.events("ami-inbound-ivr.raw", reference.clock);
        reference.apply(events);
        reference.settle();
        Intake expected = reference.intakes.getFirst();

        for (long seed = 1; seed <= 200; seed++) {
            TrackerHarness h = new TrackerHarness();
            h.apply(CaptureCalls.duplicated(CaptureCalls.interleave(events, seed), seed));
            h.settle();
            assertThat(h.intakes)
                    .as("seed %d", seed)
                    .singleElement()
                    .usingRecursiveComparison()
                    .ignoringFields("intakeId")
                    .isEqualTo(expected);
        }
    }

    @Test
    @DisplayName("Events that arrive after the call was closed do not reopen it or append it again")
    void stragglersAreIgnored() {
        TrackerHarness h = new TrackerHarness();
        List<CallEvent> events = CaptureCalls.events("ami-inbound-ivr.raw", h.clock);
        h.apply(events);
        h.settle();
        h.apply(events);
        h.settle();
        assertThat(h.intakes).hasSize(1);
        assertThat(h.tracker.tracked()).isZero();
        assertThat(h.registry.counter("calls.events.late").count()).isPositive();
    }

    @Test
    @DisplayName("A Hangup of one channel before the other's events does not end the call early")
    void callEndsWithItsLastChannel() {
        TrackerHarness h = new TrackerHarness();
        List<CallEvent> events = CaptureCalls.events("ami-inbound-ivr.raw", h.clock);
        CallEvent.HungUp secondHalf = events.stream()
                .filter(e ->
                        e instanceof CallEvent.HungUp hu && hu.channel().name().endsWith(";2"))
                .map(CallEvent.HungUp.class::cast)
                .findFirst()
                .orElseThrow();
        h.apply(List.of(secondHalf));
        h.settle();
        h.apply(events.stream().filter(e -> e != secondHalf).toList());
        assertThat(h.intakes).isEmpty();
        h.settle();
        assertThat(h.intakes)
                .singleElement()
                .satisfies(i -> assertThat(i.call().disposition()).isEqualTo(CallDisposition.ABANDONED_IVR));
    }
}
