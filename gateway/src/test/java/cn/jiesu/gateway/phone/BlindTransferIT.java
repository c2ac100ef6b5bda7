package cn.jiesu.gateway.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.jiesu.gateway.phone.LabCitizens.Route;
import cn.jiesu.gateway.support.UsesAsteriskLab;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An agent blind-transfers the caller back into the IVR (what a softphone's REFER does; here the AMI
 * BlindTransfer of the agent's channel), and the caller chooses again. One call (one Linkedid), one appeal with
 * both runs' choices.
 */
@UsesAsteriskLab
class BlindTransferIT {
    @RegisterExtension
    static final LabCalls phoneLine = new LabCalls();

    @Test
    @DisplayName("Back to 12345: the IVR runs again on the same channel; path of both runs, the more urgent tier")
    void transferBackToTheHotline() throws Exception {
        String caller = LabCitizens.uniqueNumber();
        JsonObject appeal = transferred(
                caller, Route.LOCAL_INTO_DIALPLAN, "12345", new IvrChoices("1", "4"), new IvrChoices("2", "1"));
        JsonObject call = appeal.getJsonObject("call");
        assertThat(call.getJsonArray("ivrPath").getList()).containsExactly("lang:1", "menu:4", "lang:2", "menu:1");
        assertThat(appeal.getString("urgency")).isEqualTo("EMERGENCY");
        assertThat(appeal.getString("requestType")).isEqualTo("HELP");
        assertThat(call.getString("language")).isEqualTo("en");
        assertThat(call.getString("queue")).isEqualTo("priority");
        assertThat(call.getString("dnis")).isEqualTo("12345");
    }

    @Test
    @DisplayName("To legacy 65128088: a new Local channel runs the IVR; the tier stays the more urgent, dnis 12345")
    void transferToALegacyNumber() throws Exception {
        String caller = LabCitizens.uniqueNumber();
        JsonObject appeal =
                transferred(caller, Route.SIP, "65128088", new IvrChoices("1", "2"), new IvrChoices("1", "3"));
        JsonObject call = appeal.getJsonObject("call");
        assertThat(call.getJsonArray("ivrPath").getList()).containsExactly("lang:1", "menu:2", "lang:1", "menu:3");
        assertThat(appeal.getString("urgency"))
                .as("IMMEDIATE before the transfer, NORMAL after")
                .isEqualTo("IMMEDIATE");
        assertThat(appeal.getString("requestType")).isEqualTo("HELP");
        assertThat(call.getString("queue")).isEqualTo("general");
        assertThat(call.getString("dnis"))
                .as("the number the citizen dialled, not the transfer's")
                .isEqualTo("12345");
    }

    /**
     * {@code caller} calls 12345 by {@code route} and chooses {@code first}; the agent who answers blind-transfers
     * the call to {@code target}; the caller chooses {@code second} there and hangs up once an agent answers again.
     * Returns the call's one appeal, checked for what holds either way.
     */
    private JsonObject transferred(String caller, Route route, String target, IvrChoices first, IvrChoices second)
            throws Exception {
        phoneLine.citizens().call(route, caller, "12345", 3, 60, first.keys());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> phoneLine.citizens().agentChannels(caller).size() == 1);
        phoneLine
                .citizens()
                .blindTransfer(phoneLine.citizens().agentChannels(caller).getFirst(), "public", target);

        await().atMost(Duration.ofSeconds(20)).until(() -> phoneLine.citizens().heard(caller, "welcome") == 2);
        phoneLine.citizens().press(caller, second.language());
        await().atMost(Duration.ofSeconds(20)).until(() -> phoneLine.citizens().asked(caller, "main-menu") == 2);
        phoneLine.citizens().press(caller, second.menu());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> phoneLine.citizens().agentChannels(caller).size() == 2);
        phoneLine.citizens().hangUp(caller);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> !phoneLine.lab().appealsOf(caller).isEmpty());
        assertThat(phoneLine.lab().appealsOf(caller)).as("one call, one appeal").hasSize(1);
        assertThat(phoneLine.citizens().queuesJoined(caller))
                .containsExactly("hotline-" + first.queue(), "hotline-" + second.queue());
        JsonObject appeal = phoneLine.lab().appealsOf(caller).getJsonObject(0);
        assertThat(appeal.getJsonObject("citizen").getString("callerNumber")).isEqualTo(caller);
        assertThat(appeal.getJsonObject("call").getString("disposition")).isEqualTo("ANSWERED");
        assertThat(appeal.getJsonObject("call").getString("agent"))
                .isEqualTo(agentOf(phoneLine.citizens().agentChannels(caller).getFirst()));
        assertThat(appeal.getBoolean("callbackRequested")).isFalse();
        return appeal;
    }

    /** {@code Local/8003@agent-sim-0000001c;1} → 8003. */
    private static String agentOf(String agentChannel) {
        return agentChannel.substring("Local/".length(), agentChannel.indexOf('@'));
    }
}
