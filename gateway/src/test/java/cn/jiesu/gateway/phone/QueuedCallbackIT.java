package cn.jiesu.gateway.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.jiesu.gateway.phone.LabCitizens.Route;
import cn.jiesu.gateway.support.UsesAsteriskLab;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A queued callback: with the queue long, the IVR offers to keep the caller's place and call back; the caller
 * (here on a legacy number, so through a Local channel) accepts on their own number. The appeal must ask for the
 * callback on the citizen's number, and the callback the dialer then places (agent first: a Local channel waiting
 * in the queue for an agent) must not become an appeal of its own.
 */
@UsesAsteriskLab
class QueuedCallbackIT {
    private static final Pattern WAITING =
            Pattern.compile("(?m)^jiesu_queue_waiting\\{[^}]*queue=\"general\"[^}]*} (\\d+)");
    private static PhoneLab lab;
    private static LabCitizens citizens;

    @BeforeAll
    static void start() throws Exception {
        // The wait estimate is the longest current wait in the queue; an hour ahead, any caller waiting in the
        // general queue looks long enough for the IVR's offer (over 120 s), without waiting two minutes for it.
        lab = PhoneLab.start(
                Map.of(
                        "JIESU_CALLBACKS_ENABLED",
                        "true",
                        "JIESU_CALLBACKS_QUIET_START",
                        "12:00",
                        "JIESU_CALLBACKS_QUIET_END",
                        "12:00"),
                Clock.offset(Clock.systemUTC(), Duration.ofHours(1)));
        citizens = new LabCitizens();
    }

    @AfterAll
    static void stop() throws Exception {
        if (citizens != null) {
            citizens.pauseAgents(false);
            citizens.close();
        }
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    @DisplayName("Legacy 96106 over SIP, 1 4, offer 1, confirm 1: a callback on the citizen's number, dialled once")
    void callbackOnTheCallersNumber() throws Exception {
        citizens.pauseAgents(true);
        String waiting = LabCitizens.uniqueNumber();
        citizens.call(Route.LOCAL_CALLER, waiting, "12345", 3, 60, "1", "4");
        await().atMost(Duration.ofSeconds(30)).until(() -> waiting() == 1);

        String caller = LabCitizens.uniqueNumber();
        // The confirming 1 barges into the read-back of the caller's number.
        citizens.call(Route.SIP, caller, "96106", 3, 30, "1", "4", "11");
        await().atMost(Duration.ofSeconds(40))
                .until(() -> !lab.appealsOf(caller).isEmpty());
        JsonObject appeal = lab.appealsOf(caller).getJsonObject(0);
        JsonObject call = appeal.getJsonObject("call");
        assertThat(call.getJsonArray("ivrPath").getList()).containsExactly("lang:1", "menu:4", "offer:1", "callback:1");
        assertThat(appeal.getString("requestType")).isEqualTo("CONSULT");
        assertThat(appeal.getString("urgency")).isEqualTo("NORMAL");
        assertThat(call.getString("dnis")).isEqualTo("96106");
        assertThat(call.getString("disposition")).isEqualTo("SELF_SERVICE");
        assertThat(appeal.getJsonObject("citizen").getString("callerNumber")).isEqualTo(caller);
        assertThat(appeal.getBoolean("callbackRequested")).isTrue();
        assertThat(appeal.getString("callbackNumber"))
                .as("not the legacy number a Local half shows")
                .isEqualTo(caller);
        assertThat(citizens.queuesJoined(caller))
                .as("the caller kept the place without queueing")
                .isEmpty();

        String intakeId = appeal.getString("intakeId");
        await().atMost(Duration.ofSeconds(20)).until(() -> callbacks(intakeId).size() == 1);
        assertThat(callbacks(intakeId).getJsonObject(0).getString("kind")).isEqualTo("CALLBACK_REQUESTED");

        // Agents back: the dialer places the agent-first callback through Local/general@callback-agents.
        citizens.pauseAgents(false);
        citizens.hangUp(waiting);
        await().atMost(Duration.ofSeconds(40))
                .until(() -> callbacks(intakeId).getJsonObject(0).getJsonArray("history").stream()
                        .map(JsonObject.class::cast)
                        .anyMatch(h -> !"NOT_STARTED".equals(h.getString("outcome"))));
        assertThat(lab.appealsOf(caller))
                .as("the callback is no appeal of its own")
                .hasSize(1);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> lab.appealsOf(waiting).size() == 1);
        assertThat(lab.appended())
                .as("the waiting caller's and the citizen's calls only")
                .isEqualTo(2);
    }

    private static long waiting() {
        Matcher m = WAITING.matcher(lab.metrics());
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    private static JsonArray callbacks(String intakeId) {
        return lab.getJson("/api/v1/callbacks?intakeId=" + intakeId).getJsonArray("items");
    }
}
