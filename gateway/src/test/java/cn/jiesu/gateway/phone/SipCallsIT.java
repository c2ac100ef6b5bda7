package cn.jiesu.gateway.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.jiesu.gateway.phone.LabCitizens.Route;
import cn.jiesu.gateway.support.UsesAsteriskLab;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Calls that reach the IVR over real SIP: a registered user agent, and many SIP calls at once. */
@UsesAsteriskLab
class SipCallsIT {
    private static final int CALLS = 100;

    @RegisterExtension
    static final LabCalls phoneLine = new LabCalls();

    @Test
    @DisplayName("baresip registered as 8010 dials 12345 and presses 1, 1 (RFC 4733): one EMERGENCY appeal from 8010")
    void registeredUserAgent() throws Exception {
        String caller = "8010";
        try (Baresip phone = new Baresip(caller)) {
            try {
                phone.dial("12345");
                // A softphone's context (agents) reaches 12345 by include: its channel is in agents, not public.
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> phoneLine.citizens().asked(caller, "language") == 1);
                phone.press("1");
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> phoneLine.citizens().asked(caller, "main-menu") == 1);
                phone.press("1");
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> !phoneLine.citizens().agentChannels(caller).isEmpty());
                phone.hangUp();
            } catch (ConditionTimeoutException e) {
                throw new AssertionError(
                        "AMI:\n" + phoneLine.citizens().trace(caller) + "baresip's log:\n" + phone.log(), e);
            }
        }

        await().atMost(Duration.ofSeconds(20))
                .until(() -> !phoneLine.lab().appealsOf(caller).isEmpty());
        assertThat(phoneLine.lab().appealsOf(caller)).hasSize(1);
        JsonObject appeal = phoneLine.lab().appealsOf(caller).getJsonObject(0);
        new IvrChoices("1", "1").assertAppeal(appeal, caller, "12345");
        assertThat(appeal.getJsonObject("call").getString("disposition")).isEqualTo("ANSWERED");
        assertThat(appeal.getJsonObject("call").getString("agent")).matches("800[1-5]");
    }

    @Test
    @DisplayName("100 concurrent SIP calls (Asterisk's INVITEs to itself), choices varied: 100 appeals, each its own")
    void concurrentSipCalls() throws Exception {
        Map<String, IvrChoices> calls = new LinkedHashMap<>();
        for (int i = 0; i < CALLS; i++) {
            calls.put(LabCitizens.uniqueNumber(), IvrChoices.spread(i));
        }
        long before = phoneLine.lab().appended();
        for (Map.Entry<String, IvrChoices> c : calls.entrySet()) {
            phoneLine
                    .citizens()
                    .call(Route.SIP, c.getKey(), "12345", 4, 1, c.getValue().keys());
        }

        Appeals.awaitOnePerCaller(phoneLine.lab(), calls.keySet(), Duration.ofSeconds(90))
                .forEach((caller, appeal) -> calls.get(caller).assertAppeal(appeal, caller, "12345"));
        assertThat(phoneLine.lab().appended() - before).isEqualTo(CALLS);
    }
}
