package cn.jiesu.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.core.intake.RequestType;
import cn.jiesu.core.intake.Urgency;
import cn.jiesu.ivr.call.ActiveCall;
import cn.jiesu.ivr.call.AgentCall;
import cn.jiesu.ivr.call.CallState;
import cn.jiesu.ivr.dialplan.DialplanVariables;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TrackerCallEventsTest {

    @Test
    @DisplayName("the tracker's agent call becomes an offer: agent, caller, queue, language, choices, tier")
    void translates() {
        Instant at = Instant.parse("2026-11-28T02:00:00Z");
        ActiveCall call = new ActiveCall(
                "1764312345.17",
                "13800138000",
                CallState.OFFERED,
                "general",
                at.minusSeconds(40),
                at.minusSeconds(5),
                List.of("lang:1", "menu:2"),
                Map.of(
                        DialplanVariables.LANG,
                        "zh",
                        DialplanVariables.URGENCY,
                        "IMMEDIATE",
                        DialplanVariables.REQTYPE,
                        "HELP"),
                "8003");

        CallOffer offer = TrackerCallEvents.offerOf(new AgentCall(AgentCall.Kind.OFFERED, "8003", call, at));

        assertThat(offer)
                .isEqualTo(new CallOffer(
                        "8003",
                        "1764312345.17",
                        "13800138000",
                        "general",
                        new IvrPath("zh", List.of("lang:1", "menu:2"), Urgency.IMMEDIATE, RequestType.HELP),
                        at));
    }

    @Test
    @DisplayName("unknown or missing IVR variables leave the tier and type empty")
    void missingVariables() {
        Instant at = Instant.parse("2026-11-28T02:00:00Z");
        ActiveCall call = new ActiveCall(
                "1764312345.18",
                null,
                CallState.CONNECTED,
                null,
                at,
                null,
                List.of(),
                Map.of(DialplanVariables.URGENCY, "VERY"),
                "8001");

        CallOffer offer = TrackerCallEvents.offerOf(new AgentCall(AgentCall.Kind.CONNECTED, "8001", call, at));

        assertThat(offer.ivr()).isEqualTo(new IvrPath(null, List.of(), null, null));
        assertThat(offer.callerNumber()).isNull();
    }

    @Test
    @DisplayName("choices are named from the IVR's option labels; a choice without one keeps its code")
    void labelledChoices() {
        Instant at = Instant.parse("2026-11-28T02:00:00Z");
        ActiveCall call = new ActiveCall(
                "1764312345.19",
                "13800138000",
                CallState.OFFERED,
                "priority",
                at,
                null,
                List.of("lang:1", "menu:1", "survey:7"),
                Map.of(DialplanVariables.URGENCY, "EMERGENCY"),
                "8001");

        CallOffer offer = TrackerCallEvents.offerOf(
                new AgentCall(AgentCall.Kind.OFFERED, "8001", call, at),
                cn.jiesu.ivr.flow.IvrDefinition.load(java.nio.file.Path.of("..", "config", "ivr.yaml"))
                        .choiceLabels());

        assertThat(offer.ivr().choices()).containsExactly("lang:1", "menu:1", "survey:7");
        assertThat(offer.ivr().labels()).containsExactly("普通话", "紧急求助", "survey:7");
    }
}
