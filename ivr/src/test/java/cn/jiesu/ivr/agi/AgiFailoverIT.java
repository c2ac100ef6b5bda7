package cn.jiesu.ivr.agi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.jiesu.ivr.flow.WaitEstimator;
import cn.jiesu.ivr.support.LabIvr;
import cn.jiesu.ivr.support.SimulatedCallers.Call;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.action.SetVarAction;
import org.asteriskjava.manager.response.ManagerResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The dialplan's FastAGI failover (extensions.conf [jiesu-agi], [jiesu-route]) against the real lab Asterisk: the
 * gateways of the global AGI_HOSTS are tried in turn, and a citizen whose call no gateway takes is queued for an
 * agent, never hung up on. AGI_HOSTS is set over AMI for each test and cleared after, which puts the lab back on
 * its own AGI_HOST:AGI_PORT.
 */
class AgiFailoverIT {
    private static final Duration CALL = Duration.ofSeconds(40);
    private static LabIvr ivr;
    private static ManagerConnection ami;
    private Call call;

    @BeforeAll
    static void start() throws Exception {
        ivr = new LabIvr(WaitEstimator.ZERO);
        ami = new ManagerConnectionFactory(ivr.lab.amiHost(), ivr.lab.amiPort(), ivr.lab.amiUser(), ivr.lab.amiSecret())
                .createManagerConnection();
        ami.login();
    }

    @AfterAll
    static void stop() {
        if (ami != null) {
            ami.logoff();
        }
        if (ivr != null) {
            ivr.close();
        }
    }

    @AfterEach
    void reset() throws Exception {
        if (call != null) {
            call.hangUp();
        }
        setAgiHosts("");
    }

    /** A loopback port nothing listens on (bound, then released). */
    private static int deadPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void setAgiHosts(String hosts) throws Exception {
        ManagerResponse r = ami.sendAction(new SetVarAction("AGI_HOSTS", hosts), 5_000); // no channel: a global
        assertThat(r.getResponse()).isEqualToIgnoringCase("Success");
    }

    @Test
    @DisplayName("the first gateway is down: the second one runs the IVR, and the call is routed as it chose")
    void nextGatewayTakesTheCall() throws Exception {
        setAgiHosts("127.0.0.1:" + deadPort() + ",127.0.0.1:" + ivr.lab.agiPort());
        call = ivr.callers.call(LabIvr.uniqueCaller(), 3, 30, "1", "2");

        await().atMost(CALL).untilAsserted(() -> assertThat(call.queuesJoined()).containsExactly("hotline-general"));
        assertThat(call.jiesuVariables())
                .containsEntry("JIESU_PATH", "lang:1,menu:2")
                .containsEntry("JIESU_ROUTE", "queue");
        assertThat(ivr.sessions.result(call.ivrUniqueid().orElseThrow())).isPresent();
    }

    @Test
    @DisplayName("no gateway answers: the citizen goes straight to the general queue, not hung up on")
    void noGatewayQueuesTheCitizen() throws Exception {
        setAgiHosts("127.0.0.1:" + deadPort() + ",127.0.0.1:" + deadPort());
        call = ivr.callers.call(LabIvr.uniqueCaller(), 3, 30);

        await().atMost(CALL).untilAsserted(() -> assertThat(call.queuesJoined()).containsExactly("hotline-general"));
        assertThat(call.hungUp()).isFalse();
        assertThat(call.jiesuVariables()).doesNotContainKeys("JIESU_ROUTE", "JIESU_PATH");
        assertThat(call.agiCommands()).isEmpty();
    }
}
