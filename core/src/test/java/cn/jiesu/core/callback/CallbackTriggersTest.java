package cn.jiesu.core.callback;

import static cn.jiesu.core.callback.Beijing.at;
import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.core.intake.CallDisposition;
import cn.jiesu.core.intake.CallInfo;
import cn.jiesu.core.intake.Channel;
import cn.jiesu.core.intake.Citizen;
import cn.jiesu.core.intake.ContentType;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.intake.RequestType;
import cn.jiesu.core.intake.Urgency;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CallbackTriggersTest {
    private final CallbackTriggers triggers = new CallbackTriggers(CreationRules.DEFAULT);

    private static cn.jiesu.core.intake.IntakeBuilder phone(String received) {
        return Intake.builder()
                .intakeId("I1")
                .channel(Channel.PHONE)
                .channelAccount("12345")
                .channelMessageId("linked-1")
                .receivedAt(at(received))
                .contentType(ContentType.CALL)
                .citizen(new Citizen(null, null, null, "+86 138-0013-8000", null, false))
                .requestType(RequestType.COMPLAINT);
    }

    @Test
    @DisplayName("every phone appeal gets a return visit due 2 hours after it was received")
    void returnVisit() {
        CallbackDraft d =
                triggers.forAppeal(phone("2026-03-10T10:00:00").build()).orElseThrow();
        assertThat(d.kind()).isEqualTo(CallbackKind.RETURN_VISIT);
        assertThat(d.number()).isEqualTo("13800138000");
        assertThat(d.notBefore()).isEqualTo(at("2026-03-10T10:00:00"));
        assertThat(d.deadline()).isEqualTo(at("2026-03-10T12:00:00"));
        assertThat(d.emergency()).isFalse();
    }

    @Test
    @DisplayName("the return-visit rule is per request type; web appeals get none")
    void returnVisitConfigurable() {
        CreationRules rules = new CreationRules(
                Duration.ofHours(2),
                Map.of(RequestType.COMPLAINT, Duration.ofHours(4)),
                Duration.ZERO,
                Duration.ofHours(24),
                Duration.ofMinutes(30),
                Duration.ofMinutes(30),
                Map.of(),
                "general",
                "priority");
        CallbackTriggers t = new CallbackTriggers(rules);
        assertThat(t.forAppeal(phone("2026-03-10T10:00:00").build())
                        .orElseThrow()
                        .deadline())
                .isEqualTo(at("2026-03-10T14:00:00"));
        assertThat(t.forAppeal(phone("2026-03-10T10:00:00")
                        .requestType(RequestType.CONSULT)
                        .build()))
                .isEmpty();
        assertThat(triggers.forAppeal(
                        phone("2026-03-10T10:00:00").channel(Channel.WEB).build()))
                .isEmpty();
    }

    @Test
    @DisplayName("callbackRequested wins over the return visit; abandoned phone calls are ABANDONED_CALL")
    void requested() {
        Intake web = phone("2026-03-10T10:00:00")
                .channel(Channel.APP)
                .callbackRequested(true)
                .callbackNumber("13900139000")
                .build();
        CallbackDraft d = triggers.forAppeal(web).orElseThrow();
        assertThat(d.kind()).isEqualTo(CallbackKind.CALLBACK_REQUESTED);
        assertThat(d.number()).isEqualTo("13900139000");
        assertThat(d.deadline()).isEqualTo(at("2026-03-10T12:00:00"));
        Intake abandoned = phone("2026-03-10T10:00:00")
                .callbackRequested(true)
                .call(new CallInfo(
                        "L1",
                        "U1",
                        "12345",
                        "general",
                        null,
                        "zh",
                        List.of("menu:3"),
                        null,
                        16,
                        40,
                        CallDisposition.ABANDONED_QUEUE))
                .build();
        assertThat(triggers.forAppeal(abandoned).orElseThrow().kind()).isEqualTo(CallbackKind.ABANDONED_CALL);
    }

    @Test
    @DisplayName("emergency appeals make emergency callbacks; no number, no callback")
    void emergencyAndNoNumber() {
        assertThat(triggers.forAppeal(phone("2026-03-10T10:00:00")
                                .urgency(Urgency.EMERGENCY)
                                .build())
                        .orElseThrow()
                        .emergency())
                .isTrue();
        assertThat(triggers.forAppeal(phone("2026-03-10T10:00:00").citizen(null).build()))
                .isEmpty();
    }

    @Test
    @DisplayName("a resolution schedules a survey within 24 hours; an agent booking sits at the chosen time")
    void surveyAndScheduled() {
        Intake in = phone("2026-03-10T10:00:00").build();
        CallbackDraft s = triggers.survey(in, at("2026-03-12T09:00:00")).orElseThrow();
        assertThat(s.kind()).isEqualTo(CallbackKind.SURVEY);
        assertThat(s.notBefore()).isEqualTo(at("2026-03-12T09:00:00"));
        assertThat(s.deadline()).isEqualTo(at("2026-03-13T09:00:00"));
        CallbackDraft b = triggers.scheduled(in, "010-6512-3456", at("2026-03-12T15:00:00"))
                .orElseThrow();
        assertThat(b.kind()).isEqualTo(CallbackKind.AGENT_SCHEDULED);
        assertThat(b.number()).isEqualTo("01065123456");
        assertThat(b.deadline()).isEqualTo(at("2026-03-12T15:30:00"));
    }

    @Test
    @DisplayName("the citizen's numbers are the callback number, stated phone and caller number, however written")
    void citizenNumbers() {
        Intake in = phone("2026-03-10T10:00:00")
                .callbackNumber("13900139000")
                .citizen(new Citizen("u1", null, "010-6512-3456", "+86 138-0013-8000", null, false))
                .build();
        assertThat(CallbackTriggers.isCitizenNumber(in, "13800138000")).isTrue();
        assertThat(CallbackTriggers.isCitizenNumber(in, "+86 139 0013 9000")).isTrue();
        assertThat(CallbackTriggers.isCitizenNumber(in, "01065123456")).isTrue();
        assertThat(CallbackTriggers.isCitizenNumber(in, "13700137000")).isFalse();
        assertThat(CallbackTriggers.isCitizenNumber(in, "not a number")).isFalse();
        assertThat(CallbackTriggers.isCitizenNumber(
                        phone("2026-03-10T10:00:00").citizen(null).build(), "13800138000"))
                .isFalse();
    }
}
