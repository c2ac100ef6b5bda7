package cn.jiesu.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.core.appeal.AppealRecord;
import cn.jiesu.core.appeal.AppealStatus;
import cn.jiesu.core.callback.AttemptRecord;
import cn.jiesu.core.callback.CallbackKind;
import cn.jiesu.core.callback.CallbackMode;
import cn.jiesu.core.callback.CallbackOutcome;
import cn.jiesu.core.callback.CallbackRequest;
import cn.jiesu.core.callback.CallbackStatus;
import cn.jiesu.core.intake.Channel;
import cn.jiesu.core.intake.Citizen;
import cn.jiesu.core.intake.ContentType;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.intake.Location;
import cn.jiesu.core.intake.RequestType;
import cn.jiesu.core.intake.Urgency;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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

    @Test
    @DisplayName("a callback's row names its kind, its appeal by 受理号, its attempts and the last started outcome")
    void callbackRow() {
        Instant t0 = Instant.parse("2026-12-06T08:00:00Z");
        CallbackRequest c = callback(
                "cb-1",
                "in-1002",
                CallbackKind.SURVEY,
                List.of(
                        new AttemptRecord(1, CallbackOutcome.NO_ANSWER, t0, t0.plusSeconds(30), "a"),
                        new AttemptRecord(
                                2, CallbackOutcome.BUSY, t0.plusSeconds(600), t0.plusSeconds(610), "agent:8001"),
                        // Proved never started (a reclaimer): not an outcome the citizen saw.
                        new AttemptRecord(3, null, t0.plusSeconds(900), t0.plusSeconds(905), "b")));

        JsonObject row = PopFacts.callback(c, Map.of("in-1002", "261206000042"));

        assertThat(row.getString("callbackId")).isEqualTo("cb-1");
        assertThat(row.getString("kind")).isEqualTo("SURVEY");
        assertThat(row.getString("appealNo")).isEqualTo("261206000042");
        assertThat(row.getInteger("attempts")).isEqualTo(2);
        assertThat(row.getString("lastOutcome")).isEqualTo("BUSY");
        assertThat(row.getString("deadline"))
                .isEqualTo(t0.plus(Duration.ofHours(24)).toString());
        // Not known (the appeal was not found): the row still tells the callback apart by its intake id.
        assertThat(PopFacts.callback(c, Map.of()).getString("appealNo")).isNull();
        assertThat(PopFacts.lastOutcome(callback("cb-2", "in-1", CallbackKind.RETURN_VISIT, List.of())))
                .isNull();
    }

    @Test
    @DisplayName("every callback kind and status has words in both bundles")
    void callbackWords() throws IOException {
        JsonObject zh = bundle("zh");
        JsonObject en = bundle("en");
        for (CallbackKind k : CallbackKind.values()) {
            assertThat(zh.getString("cbKind." + k.name())).as("zh " + k).isNotBlank();
            assertThat(en.getString("cbKind." + k.name())).as("en " + k).isNotBlank();
        }
        for (CallbackStatus st : CallbackStatus.values()) {
            assertThat(zh.getString("cbStatus." + st.name())).as("zh " + st).isNotBlank();
            assertThat(en.getString("cbStatus." + st.name())).as("en " + st).isNotBlank();
        }
        assertThat(zh.getString("cbKind.CALLBACK_REQUESTED")).isEqualTo("市民要求回电");
        assertThat(zh.getString("cbKind.RETURN_VISIT")).isEqualTo("办理回访");
        assertThat(zh.getString("cbKind.SURVEY")).isEqualTo("满意度回访");
    }

    @Test
    @DisplayName("the stored call appeal carries its 受理号, the merge, its address and its links by 受理号")
    void storedAppeal() {
        Instant at = Instant.parse("2026-12-06T08:00:00Z");
        Intake in = Intake.builder()
                .intakeId("in-call")
                .appealNo("261206000007")
                .channel(Channel.PHONE)
                .channelAccount("12345")
                .channelMessageId("1764.9")
                .receivedAt(at)
                .contentType(ContentType.CALL)
                .content("楼上漏水")
                .citizen(new Citizen(null, null, null, "13700001111", null, false))
                .location(new Location("海淀区中关村南大街 1 号", null, null, null, null, null, null))
                .relatedIntakeIds(List.of("in-web", "in-gone"))
                .build();

        JsonObject a = PopFacts.storedAppeal(
                new AppealRecord(in, AppealStatus.RECEIVED, at), true, Map.of("in-web", "261206000003"));

        assertThat(a.getString("no")).isEqualTo("261206000007");
        assertThat(a.getBoolean("stored")).isTrue();
        assertThat(a.getBoolean("merged")).isTrue();
        assertThat(a.getString("address")).isEqualTo("海淀区中关村南大街 1 号");
        assertThat(a.getJsonArray("related").getList()).containsExactly("261206000003", "in-gone");
    }

    private static CallbackRequest callback(String id, String intakeId, CallbackKind kind, List<AttemptRecord> h) {
        Instant t0 = Instant.parse("2026-12-06T08:00:00Z");
        int started = (int) h.stream().filter(AttemptRecord::started).count();
        return new CallbackRequest(
                id,
                intakeId,
                kind,
                "13700001111",
                t0.plus(Duration.ofHours(24)),
                t0.plus(Duration.ofHours(24)),
                t0,
                false,
                CallbackMode.CITIZEN_FIRST,
                "general",
                started,
                h,
                CallbackStatus.PENDING,
                t0,
                1);
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
