package cn.jiesu.gateway.phone;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.gateway.phone.LabCitizens.Route;
import cn.jiesu.gateway.support.UsesAsteriskLab;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The numbers of merged legacy hotlines (96106, 65128088): the dialplan routes them into the 12345 IVR through a
 * Local channel, whose ;1 half shows the legacy number as its caller ID and whose ;2 half runs the IVR.
 */
@UsesAsteriskLab
class LegacyHotlineIT {
    private static final int CALLS = 20;

    @RegisterExtension
    static final LabCalls phoneLine = new LabCalls();

    @Test
    @DisplayName("20 concurrent calls to 96106 over SIP and to 65128088: the citizen's number, choices, dnis legacy")
    void legacyNumbersReachTheIvr() throws Exception {
        Map<String, IvrChoices> calls = new LinkedHashMap<>();
        Map<String, String> dialled = new LinkedHashMap<>();
        for (int i = 0; i < CALLS; i++) {
            String caller = LabCitizens.uniqueNumber();
            calls.put(caller, IvrChoices.spread(i));
            dialled.put(caller, i % 2 == 0 ? "96106" : "65128088");
            // Long enough on the line for queued callers to reach the five agents, so that some Local pairs
            // optimize themselves away while bridged (the IVR's channel is gone before the call ends).
            phoneLine
                    .citizens()
                    .call(
                            i % 2 == 0 ? Route.SIP : Route.LOCAL_CALLER,
                            caller,
                            dialled.get(caller),
                            4,
                            3,
                            calls.get(caller).keys());
        }

        Map<String, JsonObject> appeals =
                Appeals.awaitOnePerCaller(phoneLine.lab(), calls.keySet(), Duration.ofSeconds(60));
        appeals.forEach((caller, appeal) -> {
            calls.get(caller).assertAppeal(appeal, caller, dialled.get(caller));
            JsonObject call = appeal.getJsonObject("call");
            if ("ANSWERED".equals(call.getString("disposition"))) {
                assertThat(call.getString("agent")).as("agent of %s", caller).matches("800[1-5]");
            } else {
                assertThat(call.getString("agent")).as("agent of %s", caller).isNull();
            }
            assertThat(appeal.getString("callbackNumber"))
                    .as("callback number of %s", caller)
                    .isIn(null, caller);
        });
        assertThat(appeals.values())
                .as("calls answered by the simulated agents")
                .anyMatch(a -> "ANSWERED".equals(a.getJsonObject("call").getString("disposition")));
        assertThat(phoneLine.lab().appended()).isEqualTo(CALLS);
    }
}
