package cn.jiesu.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.core.callback.CallbackOutcome;
import cn.jiesu.core.intake.RequestType;
import cn.jiesu.core.intake.Urgency;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PopFactsTest {
    private static final IvrPath ROUTINE = new IvrPath("zh", List.of("menu:3"), Urgency.NORMAL, RequestType.COMPLAINT);

    @Test
    @DisplayName("anonymous, <unknown> and missing caller numbers are withheld; real numbers are not")
    void withheld() {
        assertThat(PopFacts.withheld(null)).isTrue();
        assertThat(PopFacts.withheld("anonymous")).isTrue();
        assertThat(PopFacts.withheld("Anonymous")).isTrue();
        assertThat(PopFacts.withheld("<unknown>")).isTrue();
        assertThat(PopFacts.withheld(" ")).isTrue();
        assertThat(PopFacts.withheld("13912345678")).isFalse();
        assertThat(PopFacts.withheld("8001")).isFalse();
    }

    @Test
    @DisplayName("an emergency chosen in the IVR is an emergency, whatever the history")
    void ivrEmergency() {
        IvrPath pressed1 = new IvrPath("zh", List.of("menu:1"), Urgency.EMERGENCY, RequestType.HELP);
        assertThat(PopFacts.emergency(pressed1, new JsonArray()).getString("reason"))
                .isEqualTo("ivr");
    }

    @Test
    @DisplayName("an open emergency appeal in the history makes a routine call an emergency, naming that appeal")
    void historyEmergency() {
        JsonArray history = new JsonArray()
                .add(row("1001", "NORMAL", "RECEIVED", "路灯不亮"))
                .add(row("1002", "EMERGENCY", "IN_PROGRESS", "燃气泄漏"));

        JsonObject e = PopFacts.emergency(ROUTINE, history);

        assertThat(e.getString("reason")).isEqualTo("history");
        assertThat(e.getString("appealNo")).isEqualTo("1002");
        assertThat(e.getString("what")).isEqualTo("燃气泄漏");
        assertThat(e.getString("channel")).isEqualTo("WEB");
    }

    @Test
    @DisplayName("resolved or closed emergencies and routine appeals make no emergency")
    void noEmergency() {
        JsonArray history = new JsonArray()
                .add(row("1001", "NORMAL", "RECEIVED", "路灯不亮"))
                .add(row("1002", "EMERGENCY", "RESOLVED", "燃气泄漏"))
                .add(row("1003", "EMERGENCY", "CLOSED", "火情"));

        assertThat(PopFacts.emergency(ROUTINE, history)).isNull();
        assertThat(PopFacts.emergency(IvrPath.NONE, new JsonArray())).isNull();
    }

    @Test
    @DisplayName("every dial outcome has words in both bundles: 已接通, 忙线, 无人接听, 线路拥塞, 未接通")
    void outcomeWords() throws IOException {
        JsonObject zh = bundle("zh");
        JsonObject en = bundle("en");
        for (CallbackOutcome o : CallbackOutcome.values()) {
            assertThat(zh.getString("outcome." + o.name())).as("zh " + o).isNotBlank();
            assertThat(en.getString("outcome." + o.name())).as("en " + o).isNotBlank();
        }
        assertThat(zh.getString("outcome.ANSWERED")).isEqualTo("已接通");
        assertThat(zh.getString("outcome.BUSY")).isEqualTo("忙线");
        assertThat(zh.getString("outcome.NO_ANSWER")).isEqualTo("无人接听");
        assertThat(zh.getString("outcome.CONGESTION")).isEqualTo("线路拥塞");
        assertThat(zh.getString("outcome.FAILED")).isEqualTo("未接通");
        assertThat(zh.getString("pop.withheld")).isEqualTo("号码未显示");
    }

    private static JsonObject bundle(String lang) throws IOException {
        try (InputStream in = PopFactsTest.class.getResourceAsStream("/console/i18n/" + lang + ".json")) {
            return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static JsonObject row(String appealNo, String urgency, String status, String title) {
        return new JsonObject()
                .put("intakeId", "in-" + appealNo)
                .put("appealNo", appealNo)
                .put("receivedAt", "2026-12-06T12:00:00Z")
                .put("channel", "WEB")
                .put("urgency", urgency)
                .put("status", status)
                .put("title", title)
                .put("snippet", title);
    }
}
