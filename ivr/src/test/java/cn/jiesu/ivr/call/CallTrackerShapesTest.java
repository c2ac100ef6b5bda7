package cn.jiesu.ivr.call;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.core.intake.CallDisposition;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.intake.RequestType;
import cn.jiesu.core.intake.Urgency;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Calls whose IVR does not run on their first channel, from the lab's captures (fixtures/ami/README.md): the appeal
 * is the caller's (the Linkedid's channel) with the choices of whichever channel ran the IVR.
 */
@DisplayName("Call tracker: the shapes a call takes to the IVR")
class CallTrackerShapesTest {

    private static Intake appealOf(String fixture) {
        TrackerHarness h = new TrackerHarness();
        h.apply(CaptureCalls.events(fixture, h.clock));
        h.settle();
        return assertThat(h.intakes).singleElement().actual();
    }

    @Test
    @DisplayName("Local/12345@public originated: the IVR ran on ;2, the appeal has its choices and ;1's caller")
    void localChannelIntoTheIvr() {
        Intake appeal = appealOf("lab-local-into-ivr.raw");
        assertThat(appeal.channelMessageId()).isEqualTo("1796545332.0");
        assertThat(appeal.citizen().callerNumber()).isEqualTo("13700137001");
        assertThat(appeal.call().ivrPath()).containsExactly("lang:1", "menu:1");
        assertThat(appeal.urgency()).isEqualTo(Urgency.EMERGENCY);
        assertThat(appeal.requestType()).isEqualTo(RequestType.HELP);
        assertThat(appeal.call().language()).isEqualTo("zh");
        assertThat(appeal.call().uniqueid()).as("the channel that ran the IVR").isEqualTo("1796545332.1");
        assertThat(appeal.call().queue()).isEqualTo("priority");
        assertThat(appeal.call().agent()).isEqualTo("8001");
        assertThat(appeal.call().disposition()).isEqualTo(CallDisposition.ANSWERED);
        assertThat(appeal.call().dnis()).isEqualTo("12345");
    }

    @Test
    @DisplayName(
            "Legacy 96106 over SIP: the SIP caller's number (not the Local ;1's 96106), dnis 96106, no agent 12345")
    void legacyNumberThroughALocalChannel() {
        TrackerHarness h = new TrackerHarness();
        h.apply(CaptureCalls.events("lab-legacy-sip.raw", h.clock));
        h.settle();
        Intake appeal = assertThat(h.intakes)
                .as("the outbound SIP leg is no appeal")
                .singleElement()
                .actual();
        assertThat(appeal.citizen().callerNumber()).isEqualTo("13700137002");
        assertThat(appeal.call().dnis()).isEqualTo("96106");
        assertThat(appeal.channelAccount()).isEqualTo("12345");
        assertThat(appeal.dedupeKey()).isEqualTo("PHONE|12345|1796545348.13");
        assertThat(appeal.call().ivrPath()).containsExactly("lang:1", "menu:4");
        assertThat(appeal.requestType()).isEqualTo(RequestType.CONSULT);
        assertThat(appeal.urgency()).isEqualTo(Urgency.NORMAL);
        assertThat(appeal.call().agent()).isEqualTo("8001");
        assertThat(h.agentCalls)
                .as("the Local channel into public,12345 is not an agent")
                .allSatisfy(a -> assertThat(a.agent()).isEqualTo("8001"));
        assertThat(appeal.call().hangupCause()).isEqualTo(16);
    }

    @Test
    @DisplayName("Blind transfer back into the IVR: both runs' path, the more urgent run's tier and type, one appeal")
    void blindTransferRunsTheIvrAgain() {
        Intake appeal = appealOf("lab-blind-transfer.raw");
        assertThat(appeal.citizen().callerNumber()).isEqualTo("13700137003");
        assertThat(appeal.call().ivrPath()).containsExactly("lang:1", "menu:4", "lang:2", "menu:1");
        assertThat(appeal.urgency()).isEqualTo(Urgency.EMERGENCY);
        assertThat(appeal.requestType()).isEqualTo(RequestType.HELP);
        assertThat(appeal.call().language()).isEqualTo("en");
        assertThat(appeal.call().agent()).isEqualTo("8002");
        assertThat(appeal.call().disposition()).isEqualTo(CallDisposition.ANSWERED);
        assertThat(appeal.call().queue()).isEqualTo("general");
    }

    @Test
    @DisplayName("A softphone in context agents reaches 12345 by include: inbound by the IVR's AGI, not the context")
    void softphoneOutsideThePublicContext() {
        Intake appeal = appealOf("lab-softphone.raw");
        assertThat(appeal.citizen().callerNumber()).isEqualTo("8006");
        assertThat(appeal.call().ivrPath()).containsExactly("lang:1", "menu:3");
        assertThat(appeal.requestType()).isEqualTo(RequestType.COMPLAINT);
        assertThat(appeal.call().dnis()).isEqualTo("12345");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lab-local-into-ivr.raw", "lab-legacy-sip.raw", "lab-blind-transfer.raw"})
    @DisplayName("Any interleaving of the channels' events, every event twice, gives the same appeal")
    void orderDoesNotMatter(String fixture) {
        TrackerHarness reference = new TrackerHarness();
        List<CallEvent> events = CaptureCalls.events(fixture, reference.clock);
        reference.apply(events);
        reference.settle();
        Intake expected = reference.intakes.getFirst();
        for (long seed = 1; seed <= 100; seed++) {
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
}
