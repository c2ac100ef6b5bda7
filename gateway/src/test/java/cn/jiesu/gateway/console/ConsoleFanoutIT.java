package cn.jiesu.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.jiesu.core.console.StoredPop;
import cn.jiesu.gateway.Gateway;
import cn.jiesu.gateway.support.UsesAsteriskLab;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Three gateway instances on one Redis and the real Asterisk lab: A runs the IVR and the AMI tracker, B only the
 * AMI tracker (it sees the same events as A), C has no Asterisk at all. An agent's browsers on B and C each get the
 * pop of a real call once, with each state change once, though C never saw an AMI event and B saw them twice (its
 * own and A's notices); the agent's wrap-up and click-to-call results reach C as well.
 */
@UsesAsteriskLab
class ConsoleFanoutIT {
    private static final Duration LAB = Duration.ofSeconds(60);

    private static ConsoleLab lab;
    private static Gateway a;
    private static Gateway b;
    private static Gateway c;

    @BeforeAll
    static void start() throws Exception {
        lab = new ConsoleLab();
        a = lab.start(ConsoleLab.Phone.AMI_AND_IVR);
        b = lab.start(ConsoleLab.Phone.AMI_ONLY);
        c = lab.start(ConsoleLab.Phone.NONE);
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    @DisplayName("a real call's pop reaches the agent's sockets on every instance once, also where no AMI event was "
            + "seen")
    void popReachesEveryInstanceOnce() throws Exception {
        String caller = ConsoleLab.uniqueCaller("5");
        String earlier = lab.earlierAppeal(caller, 3, "供暖不热");
        // Only 8001 takes calls (the others pause through instance A's console, which has AMI).
        for (String ext : ConsoleLab.MEMBERS.subList(1, ConsoleLab.MEMBERS.size())) {
            try (AgentClient p = ConsoleLab.agent(a, ext)) {
                assertThat(p.post("/console/api/state", new JsonObject().put("state", "PAUSED"))
                                .statusCode())
                        .isEqualTo(200);
            }
        }
        AgentClient onB = ConsoleLab.agent(b, "8001").connect();
        AgentClient onC = ConsoleLab.agent(c, "8001").connect();
        AgentClient otherOnC = ConsoleLab.agent(c, "8002").connect();

        String linkedid = lab.call(caller, 10, "1", "4");
        String popId = StoredPop.idOf(linkedid, "8001");

        await().atMost(LAB)
                .until(() ->
                        !onC.popsOf(linkedid).isEmpty() && !onB.popsOf(linkedid).isEmpty());
        JsonObject pop = onC.popsOf(linkedid).get(0).getJsonObject("pop");
        assertThat(pop.getString("callerNumber")).isEqualTo(caller);
        assertThat(pop.getJsonObject("ivr").getJsonArray("choices").getList()).containsExactly("lang:1", "menu:4");
        assertThat(pop.getJsonArray("history").stream().map(h -> ((JsonObject) h).getString("intakeId")))
                .containsExactly(earlier);

        await().atMost(LAB)
                .until(() -> ConsoleLab.statesShown(onC, popId).contains("ENDED")
                        && ConsoleLab.statesShown(onB, popId).contains("ENDED"));
        ConsoleLab.assertShownOnce(onB, popId);
        ConsoleLab.assertShownOnce(onC, popId);
        assertThat(otherOnC.popsOf(linkedid)).isEmpty();
        // Wrap-up is set by the instance that saw the call end (A or B); the browser on C hears of it too.
        await().atMost(LAB)
                .until(() -> onC.frames.stream()
                        .anyMatch(f ->
                                "agent-state".equals(f.getString("type")) && "WRAP_UP".equals(f.getString("state"))));

        // Ready again (the call's end put 8001 in wrap-up, paused in the lab's queues).
        assertThat(onB.post("/console/api/state", new JsonObject().put("state", "READY"))
                        .statusCode())
                .isEqualTo(200);
        onB.close();
        onC.close();
        otherOnC.close();
    }

    @Test
    @DisplayName("a click-to-call placed through one instance reports its result to the agent's socket on another")
    void dialResultCrossesInstances() {
        AgentClient dialler = ConsoleLab.agent(a, ConsoleLab.DIALER);
        AgentClient screen = ConsoleLab.agent(c, ConsoleLab.DIALER).connect();

        var r = dialler.post("/console/api/dial", new JsonObject().put("number", ConsoleLab.uniqueCaller("1")));
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(202);
        String dialId = r.bodyAsJsonObject().getString("dialId");

        await().atMost(LAB)
                .until(() -> screen.frames.stream()
                        .anyMatch(f ->
                                "dial-result".equals(f.getString("type")) && dialId.equals(f.getString("dialId"))));
        JsonObject result = screen.frames.stream()
                .filter(f -> dialId.equals(f.getString("dialId")))
                .findFirst()
                .orElseThrow();
        assertThat(result.getString("outcome")).isEqualTo("ANSWERED");
        assertThat(result.getBoolean("callbackUpdated")).isFalse();
        assertThat(screen.frames.stream().filter(f -> dialId.equals(f.getString("dialId"))))
                .hasSize(1);
        dialler.close();
        screen.close();
    }
}
