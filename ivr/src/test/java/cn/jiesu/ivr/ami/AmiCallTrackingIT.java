package cn.jiesu.ivr.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.jiesu.core.intake.CallDisposition;
import cn.jiesu.core.intake.Channel;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.ivr.call.AgentCall;
import cn.jiesu.ivr.call.CallState;
import cn.jiesu.testkit.LabEnv;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import org.asteriskjava.manager.action.AbstractManagerAction;
import org.asteriskjava.manager.response.ManagerResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@DisplayName("AMI call tracking against the real Asterisk 22 lab")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AmiCallTrackingIT {
    private LabEnv lab;
    private TestIvr ivr;
    private TrackingRig rig;
    private final List<AgentCall> agentCalls = new CopyOnWriteArrayList<>();

    @BeforeAll
    void start() {
        lab = LabEnv.fromEnvironment();
        ivr = new TestIvr(lab.agiPort());
        rig = new TrackingRig(lab);
        rig.tracker.addAgentListener(agentCalls::add);
        rig.connector.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> rig.connector.state() == AmiState.UP);
    }

    @AfterAll
    void stop() throws Exception {
        rig.close();
        ivr.close();
    }

    @Test
    @DisplayName("A caller who hangs up mid-menu yields exactly one abandoned phone appeal to call back")
    void hangupMidMenu() {
        String caller = number();
        assertThat(rig.call(caller, "midmenu", Map.of("DIGITS", "", "HOLD", "3"))
                        .toCompletableFuture()
                        .join()
                        .getResponse())
                .isEqualTo("Success");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !rig.appealsFrom(caller).isEmpty());
        Intake appeal = assertThat(rig.appealsFrom(caller)).singleElement().actual();
        assertThat(appeal.channel()).isEqualTo(Channel.PHONE);
        assertThat(appeal.channelAccount()).isEqualTo("12345");
        assertThat(appeal.call().disposition()).isEqualTo(CallDisposition.ABANDONED_IVR);
        assertThat(appeal.callbackRequested()).isTrue();
        assertThat(appeal.callbackNumber()).isEqualTo(caller);
        assertThat(appeal.call().ivrPath()).containsExactly("lang:1");
        assertThat(appeal.call().language()).isEqualTo("zh");
        assertThat(appeal.channelMessageId()).isEqualTo(appeal.call().linkedid());
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> rig.appealsFrom(caller).size() == 1);
    }

    @Test
    @DisplayName("A caller queued in 'general' and answered by an agent yields one ANSWERED appeal with agent, queue")
    void answeredByAgent() {
        String caller = number();
        rig.call(caller, "queue", Map.of("DIGITS", "", "_HOLD", "3"))
                .toCompletableFuture()
                .join();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> agentCalls.stream()
                        .anyMatch(a -> a.kind() == AgentCall.Kind.CONNECTED
                                && caller.equals(a.call().callerNumber())));
        AgentCall connected = agentCalls.stream()
                .filter(a -> caller.equals(a.call().callerNumber()) && a.kind() == AgentCall.Kind.CONNECTED)
                .findFirst()
                .orElseThrow();
        assertThat(connected.agent()).matches("80\\d\\d");
        assertThat(connected.call().state()).isEqualTo(CallState.CONNECTED);
        assertThat(agentCalls)
                .anyMatch(a -> a.kind() == AgentCall.Kind.OFFERED
                        && caller.equals(a.call().callerNumber())
                        && a.agent().equals(connected.agent()));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> !rig.appealsFrom(caller).isEmpty());
        Intake appeal = assertThat(rig.appealsFrom(caller)).singleElement().actual();
        assertThat(appeal.call().disposition()).isEqualTo(CallDisposition.ANSWERED);
        assertThat(appeal.call().agent()).isEqualTo(connected.agent());
        assertThat(appeal.call().queue()).isEqualTo("general");
        assertThat(appeal.call().ivrPath()).containsExactly("lang:1", "menu:2");
        assertThat(appeal.callbackRequested()).isFalse();
        assertThat(appeal.call().durationS()).isBetween(2, 10);
    }

    @Test
    @DisplayName("Events the tracker does not know (UserEvent, TestEvent) are ignored without loss or error")
    void unknownEventsIgnored() {
        String caller = number();
        ManagerResponse r =
                rig.connector.send(new ProbeAction()).toCompletableFuture().join();
        assertThat(r.getResponse()).isEqualTo("Success");
        rig.call(caller, "midmenu", Map.of("DIGITS", "", "HOLD", "2"))
                .toCompletableFuture()
                .join();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !rig.appealsFrom(caller).isEmpty());
        assertThat(rig.registry
                        .get("ami.events.received")
                        .tag("type", "other")
                        .counter()
                        .count())
                .isZero();
        assertThat(rig.connector.health().eventsDropped()).isZero();
        assertThat(rig.connector.gaps()).isEmpty();
        assertThat(rig.connector.health().up()).isTrue();
    }

    @Test
    @DisplayName("originate() correlates OriginateResponse by ActionID: answered and busy, and makes no appeal")
    void originateOutcomes() {
        String id = UUID.randomUUID().toString().substring(0, 8);
        OriginateResult answered = rig.connector
                .originate(new OriginateRequest(
                        "Local/answer@callee-sim",
                        "public",
                        "callback",
                        1,
                        "\"12345 Hotline\" <12345>",
                        Map.of("TICKET", "T-" + id, "HOLD", "1"),
                        Duration.ofSeconds(8),
                        OriginateRequest.CHANNEL_ID_PREFIX + "a-" + id))
                .toCompletableFuture()
                .join();
        assertThat(answered.outcome()).isEqualTo(OriginateOutcome.ANSWERED);
        assertThat(answered.uniqueid()).isEqualTo(OriginateRequest.CHANNEL_ID_PREFIX + "a-" + id);
        OriginateResult busy = rig.connector
                .originate(OriginateRequest.toExtension(
                        "Local/busy@callee-sim", "public", "callback", null, Map.of("TICKET", "T-" + id), "b-" + id))
                .toCompletableFuture()
                .join();
        assertThat(busy.outcome()).isEqualTo(OriginateOutcome.BUSY);
        assertThat(busy.reason()).isEqualTo(5);
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(4))
                .until(() -> rig.store.appended().stream()
                        .noneMatch(i -> i.channelMessageId().contains(id)));
    }

    private static String number() {
        return "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    /** AMI UserEvent with an event name nobody registers: Asterisk-Java drops it as unknown. */
    public static final class ProbeAction extends AbstractManagerAction {
        @Override
        public String getAction() {
            return "UserEvent";
        }

        public String getUserEvent() {
            return "JiesuProbe";
        }
    }
}
