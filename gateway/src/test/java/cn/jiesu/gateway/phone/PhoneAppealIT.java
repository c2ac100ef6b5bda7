package cn.jiesu.gateway.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.jiesu.gateway.phone.LabCitizens.Route;
import cn.jiesu.gateway.support.StreamSchema;
import cn.jiesu.gateway.support.UsesAsteriskLab;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The whole phone line end to end: the real Asterisk lab calls the gateway's FastAGI IVR, the gateway's AMI
 * tracker follows the call, and the phone appeal lands in the real Redis, read back over the gateway's HTTP API.
 */
@UsesAsteriskLab
class PhoneAppealIT {
    private static PhoneLab lab;
    private static LabCitizens citizens;

    @BeforeAll
    static void start() throws Exception {
        lab = PhoneLab.start(Map.of("JIESU_CALLBACKS_ENABLED", "true"), Clock.systemUTC());
        citizens = new LabCitizens();
    }

    @AfterAll
    static void stop() {
        if (citizens != null) {
            citizens.close();
        }
        if (lab != null) {
            lab.close();
        }
    }

    /** Over the gateway's HTTP API, as the case-handling system reads them. */
    private static JsonArray appealsOf(String phone) {
        return lab.getJson("/api/v1/intakes?phone=" + phone).getJsonArray("items");
    }

    /** A simulated citizen: key groups 3 s apart (the first 2 s after answer), then on the line for hold s. */
    private static void call(String callerId, int holdSeconds, String... digits) throws Exception {
        citizens.call(Route.LOCAL_CALLER, callerId, "12345", 3, holdSeconds, digits);
    }

    @Test
    @DisplayName(
            "Mandarin, then 2: one PHONE appeal in Redis, IMMEDIATE help, path lang:1,menu:2, answered by an agent")
    void outageCallBecomesImmediateAppeal() throws Exception {
        String caller = LabCitizens.uniqueNumber();
        call(caller, 12, "1", "2");

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> appealsOf(caller).size() == 1);
        JsonObject appeal = appealsOf(caller).getJsonObject(0);
        assertThat(appeal.getString("channel")).isEqualTo("PHONE");
        assertThat(appeal.getString("channelAccount")).isEqualTo("12345");
        assertThat(appeal.getString("urgency")).isEqualTo("IMMEDIATE");
        assertThat(appeal.getString("requestType")).isEqualTo("HELP");
        assertThat(appeal.getString("appealNo")).matches("\\d{12,}");
        JsonObject call = appeal.getJsonObject("call");
        assertThat(call.getJsonArray("ivrPath").getList()).containsExactly("lang:1", "menu:2");
        assertThat(call.getString("language")).isEqualTo("zh");
        assertThat(call.getString("disposition")).isEqualTo("ANSWERED");
        assertThat(call.getString("agent")).matches("80\\d\\d");
        assertThat(appeal.getJsonObject("citizen").getString("callerNumber")).isEqualTo(caller);
        assertThat(appeal.getString("dueAt")).isNotNull();
        assertStreamConforms();
    }

    @Test
    @DisplayName("A caller who hangs up in the menu leaves one abandoned appeal that asks for a callback")
    void hangupInMenuIsAbandonedWithCallback() throws Exception {
        String caller = LabCitizens.uniqueNumber();
        call(caller, 1);

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> appealsOf(caller).size() == 1);
        JsonObject appeal = appealsOf(caller).getJsonObject(0);
        assertThat(appeal.getJsonObject("call").getString("disposition")).isEqualTo("ABANDONED_IVR");
        assertThat(appeal.getBoolean("callbackRequested")).isTrue();
        assertThat(appeal.getString("callbackNumber")).isEqualTo(caller);
        String metrics = lab.metrics();
        assertThat(metrics).contains("jiesu_calls_ended_total").contains("jiesu_ami_connection_up");
        assertStreamConforms();
    }

    /** The phone's stream entries, as the case system reads them, hold to docs/schemas/intake-entry.v1.json. */
    private static void assertStreamConforms() {
        List<Map<String, String>> entries = lab.streamEntries();
        assertThat(entries)
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.get("channel")).isEqualTo("PHONE"));
        assertThat(entries.stream().flatMap(e -> StreamSchema.INTAKE_ENTRY.problems(e).stream()))
                .isEmpty();
    }
}
