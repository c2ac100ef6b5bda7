package cn.jiesu.ivr.call;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.core.intake.CallDisposition;
import cn.jiesu.core.intake.Intake;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("How the IVR's variables decide a call's disposition and callback")
class CallDispositionTest {

    @ParameterizedTest(name = "route={0} outcome={1} callback={2} → {3}")
    @CsvSource(
            nullValues = "-",
            value = {
                "done, voicemail, -, VOICE_MESSAGE, false",
                "done, voicemail, 1, VOICE_MESSAGE, true",
                "done, status, -, SELF_SERVICE, false",
                "done, callback, 1, SELF_SERVICE, true",
                "done, invalid, -, ABANDONED_IVR, true",
                "queue, -, -, ABANDONED_QUEUE, true",
                "-, -, -, ABANDONED_IVR, true"
            })
    @DisplayName("The real mid-menu call, with the variables an IVR would have set before the caller hung up")
    void dispositionFromVariables(
            String route, String outcome, String callback, CallDisposition expected, boolean callbackRequested) {
        TrackerHarness h = new TrackerHarness();
        List<CallEvent> events = new ArrayList<>(CaptureCalls.events("lab-midmenu-hangup.raw", h.clock));
        CallEvent.VariableSet lang = events.stream()
                .filter(e -> e instanceof CallEvent.VariableSet v && v.name().equals("JIESU_LANG"))
                .map(CallEvent.VariableSet.class::cast)
                .findFirst()
                .orElseThrow();
        Map<String, String> vars = new java.util.LinkedHashMap<>();
        vars.put("JIESU_ROUTE", route);
        vars.put("JIESU_OUTCOME", outcome);
        vars.put("JIESU_CALLBACK", callback);
        vars.put("JIESU_QUEUE", "queue".equals(route) ? "priority" : null);
        vars.put("JIESU_RECORDING", "voicemail".equals(outcome) ? "vm/2026/11/28/abc.wav" : null);
        vars.put("JIESU_CALLBACK_NUMBER", "1".equals(callback) ? "+86 139-0000-1111" : null);
        vars.put("JIESU_URGENCY", "EMERGENCY");
        vars.put("JIESU_REQTYPE", "not-a-type");
        int at = events.indexOf(lang) + 1;
        vars.forEach((name, value) -> {
            if (value != null) {
                events.add(at, new CallEvent.VariableSet(lang.at(), lang.channel(), name, value));
            }
        });
        h.apply(events);
        h.settle();

        Intake i = assertThat(h.intakes).singleElement().actual();
        assertThat(i.call().disposition()).isEqualTo(expected);
        assertThat(i.callbackRequested()).isEqualTo(callbackRequested);
        if (callbackRequested) {
            assertThat(i.callbackNumber()).isEqualTo("1".equals(callback) ? "13900001111" : "13500135002");
        }
        assertThat(i.call().recordingRef()).isEqualTo(vars.get("JIESU_RECORDING"));
        assertThat(i.attachments()).hasSize(vars.get("JIESU_RECORDING") == null ? 0 : 1);
        assertThat(i.call().queue()).isEqualTo(vars.get("JIESU_QUEUE"));
        assertThat(i.dueAt()).isEqualTo(i.receivedAt().plus(java.time.Duration.ofHours(2)));
        assertThat(i.requestType())
                .as("an unknown type falls back, the appeal is kept")
                .isEqualTo(cn.jiesu.core.intake.RequestType.OTHER);
    }
}
