package cn.jiesu.gateway.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.jiesu.gateway.Gateway;
import cn.jiesu.gateway.config.ConfigLoader;
import cn.jiesu.gateway.config.GatewayConfig;
import cn.jiesu.gateway.support.TestServices;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.response.ManagerResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The whole phone line end to end: the real Asterisk lab calls the gateway's FastAGI IVR, the gateway's AMI
 * tracker follows the call, and the phone appeal lands in the real Redis, read back over the gateway's HTTP API.
 */
class PhoneAppealIT {
    private static Gateway gateway;
    private static WebClient http;
    private static ManagerConnection ami;

    @BeforeAll
    static void start() throws Exception {
        GatewayConfig config = GatewayConfig.from(ConfigLoader.load(null, TestServices.phoneGatewayEnv()));
        gateway = Gateway.start(config, Clock.systemUTC()).await();
        http = WebClient.create(gateway.vertx());
        ami = new ManagerConnectionFactory(TestServices.require("JIESU_TEST_AMI_HOST"),
                Integer.parseInt(TestServices.require("JIESU_TEST_AMI_PORT")),
                TestServices.require("JIESU_TEST_AMI_USERNAME"), TestServices.require("JIESU_TEST_AMI_SECRET"))
                .createManagerConnection();
        ami.login();
        await().atMost(Duration.ofSeconds(15)).until(() -> health().getJsonObject("checks").getJsonObject("ami")
                .getBoolean("up"));
    }

    @AfterAll
    static void stop() {
        if (ami != null) {
            ami.logoff();
        }
        if (gateway != null) {
            gateway.stop().join();
        }
    }

    private static JsonObject health() {
        return http.get(gateway.httpPort(), "127.0.0.1", "/health").send().await().bodyAsJsonObject();
    }

    private static JsonArray appealsOf(String phone) {
        return http.get(gateway.httpPort(), "127.0.0.1", "/api/v1/intakes?phone=" + phone).send().await()
                .bodyAsJsonObject().getJsonArray("items");
    }

    /** A simulated citizen: key groups 3 s apart (the first 2 s after answer), then on the line for hold s. */
    private static void call(String callerId, int holdSeconds, String... digits) throws Exception {
        OriginateAction originate = new OriginateAction();
        originate.setChannel("Local/slow@caller-sim");
        originate.setContext("public");
        originate.setExten("12345");
        originate.setPriority(1);
        originate.setCallerId("\"Citizen\" <" + callerId + ">");
        originate.setAsync(true);
        originate.setTimeout(30_000L);
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("GAP", "3");
        vars.put("HOLD", Integer.toString(holdSeconds));
        for (int i = 0; i < digits.length; i++) {
            vars.put("DIGITS" + (i + 1), digits[i]);
        }
        originate.setVariables(vars);
        ManagerResponse response = ami.sendAction(originate, 10_000);
        assertThat(response.getResponse()).isEqualTo("Success");
    }

    private static String uniqueCaller() {
        return "139" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
    }

    @Test
    @DisplayName("Mandarin, then 2: one PHONE appeal in Redis, IMMEDIATE help, path lang:1,menu:2, answered by an agent")
    void outageCallBecomesImmediateAppeal() throws Exception {
        String caller = uniqueCaller();
        call(caller, 12, "1", "2");

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
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
    }

    @Test
    @DisplayName("A caller who hangs up in the menu leaves one abandoned appeal that asks for a callback")
    void hangupInMenuIsAbandonedWithCallback() throws Exception {
        String caller = uniqueCaller();
        call(caller, 1);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> appealsOf(caller).size() == 1);
        JsonObject appeal = appealsOf(caller).getJsonObject(0);
        assertThat(appeal.getJsonObject("call").getString("disposition")).isEqualTo("ABANDONED_IVR");
        assertThat(appeal.getBoolean("callbackRequested")).isTrue();
        assertThat(appeal.getString("callbackNumber")).isEqualTo(caller);
        String metrics = http.get(gateway.httpPort(), "127.0.0.1", "/metrics").send().await().bodyAsString();
        assertThat(metrics).contains("calls_ended_total").contains("ami_connection_up");
    }
}
