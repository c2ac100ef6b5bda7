package cn.jiesu.ivr.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.jiesu.core.intake.CallDisposition;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.ivr.call.ActiveCall;
import cn.jiesu.ivr.call.CallState;
import cn.jiesu.testkit.LabEnv;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("AMI reconnect when the real Asterisk lab restarts mid-call")
class AmiReconnectIT {
    private LabEnv lab;
    private TestIvr ivr;
    private TrackingRig rig;

    @BeforeEach
    void start() {
        lab = LabEnv.fromEnvironment();
        assertThat(lab.labScript())
                .as("JIESU_LAB_SCRIPT (set by scripts/test.sh)")
                .isNotBlank();
        ivr = new TestIvr(lab.agiPort());
        rig = new TrackingRig(lab);
        rig.connector.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> rig.connector.state() == AmiState.UP);
    }

    @AfterEach
    void stop() throws Exception {
        rig.close();
        ivr.close();
    }

    @Test
    @DisplayName("A gap is recorded, AMI is back within 5 s, interrupted calls close once, new calls are tracked")
    void asteriskRestartMidCall() throws Exception {
        String talking = number();
        String inMenu = number();
        rig.call(talking, "queue", Map.of("DIGITS", "", "_HOLD", "60"))
                .toCompletableFuture()
                .join();
        rig.call(inMenu, "midmenu", Map.of("DIGITS", "", "HOLD", "60"))
                .toCompletableFuture()
                .join();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> state(talking).orElse(null) == CallState.CONNECTED
                        && state(inMenu).orElse(null) == CallState.IVR);

        lab.lab("restart");
        Instant ready = Instant.now();
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> rig.connector.state() == AmiState.UP
                        && !rig.connector.gaps().isEmpty());
        Duration reconnect = Duration.between(ready, Instant.now());
        assertThat(reconnect).isLessThan(Duration.ofSeconds(5));
        AmiGap gap = rig.connector.gaps().getLast();
        assertThat(gap.cause()).isEqualTo(AmiGap.DISCONNECTED);
        assertThat(gap.to()).isAfter(gap.from());
        assertThat(rig.registry.get("ami.gaps").counter().count()).isEqualTo(1);
        // Reconciled (queues, members and channels listed) at the first connect and again after the restart.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> rig.registry
                                .get("ami.reconcile")
                                .tag("result", "listed")
                                .counter()
                                .count()
                        >= 2);
        assertThat(rig.registry
                        .get("ami.reconcile")
                        .tag("result", "failed")
                        .counter()
                        .count())
                .isZero();

        await().atMost(Duration.ofSeconds(30))
                .until(() -> rig.appealsFrom(talking).size() == 1
                        && rig.appealsFrom(inMenu).size() == 1);
        Intake talked = rig.appealsFrom(talking).getFirst();
        assertThat(talked.call().agent()).matches("80\\d\\d");
        assertThat(talked.call().disposition()).isIn(CallDisposition.ANSWERED);
        Intake menu = rig.appealsFrom(inMenu).getFirst();
        assertThat(menu.call().disposition()).isIn(CallDisposition.LOST, CallDisposition.ABANDONED_IVR);
        assertThat(menu.callbackRequested()).isTrue();
        assertThat(rig.tracker.board().calls())
                .noneMatch(c -> talking.equals(c.callerNumber()) || inMenu.equals(c.callerNumber()));

        String after = number();
        rig.call(after, "midmenu", Map.of("DIGITS", "", "HOLD", "2"))
                .toCompletableFuture()
                .join();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> rig.appealsFrom(after).size() == 1);
        Intake afterAppeal = rig.appealsFrom(after).getFirst();
        assertThat(afterAppeal.call().disposition()).isEqualTo(CallDisposition.ABANDONED_IVR);
        assertThat(afterAppeal.call().hangupCause()).isNotNull();

        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(4))
                .until(() -> rig.appealsFrom(talking).size() == 1
                        && rig.appealsFrom(inMenu).size() == 1
                        && rig.appealsFrom(after).size() == 1);
        System.out.printf(
                "reconnect %d ms after the lab was ready; gap %d ms; closed as %s / %s%n",
                reconnect.toMillis(),
                gap.duration().toMillis(),
                talked.call().disposition(),
                menu.call().disposition());
    }

    @Test
    @DisplayName("Asterisk crashes mid-call (SIGKILL, no Hangup events): reconcile closes each call once, as it stood")
    void asteriskCrashMidCall() throws Exception {
        String talking = number();
        String inMenu = number();
        rig.call(talking, "queue", Map.of("DIGITS", "", "_HOLD", "60"))
                .toCompletableFuture()
                .join();
        rig.call(inMenu, "midmenu", Map.of("DIGITS", "", "HOLD", "60"))
                .toCompletableFuture()
                .join();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> state(talking).orElse(null) == CallState.CONNECTED
                        && state(inMenu).orElse(null) == CallState.IVR);

        lab.crash();
        await().atMost(Duration.ofSeconds(30)).until(() -> rig.connector.state() != AmiState.UP);
        assertThat(rig.appealsFrom(talking))
                .as("nothing is closed while we cannot see")
                .isEmpty();
        lab.lab("start");
        Instant ready = Instant.now();
        await().atMost(Duration.ofSeconds(30)).until(() -> rig.connector.state() == AmiState.UP);
        assertThat(Duration.between(ready, Instant.now())).isLessThan(Duration.ofSeconds(5));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> rig.appealsFrom(talking).size() == 1
                        && rig.appealsFrom(inMenu).size() == 1);
        Intake talked = rig.appealsFrom(talking).getFirst();
        assertThat(talked.call().disposition()).isEqualTo(CallDisposition.ANSWERED);
        assertThat(talked.call().hangupCause()).as("the end was not seen").isNull();
        Intake menu = rig.appealsFrom(inMenu).getFirst();
        assertThat(menu.call().disposition()).isEqualTo(CallDisposition.LOST);
        assertThat(menu.callbackRequested()).isTrue();
        assertThat(rig.registry
                        .get("calls.reconciled")
                        .tag("action", "closed")
                        .counter()
                        .count())
                .isEqualTo(2);
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(4))
                .until(() -> rig.appealsFrom(talking).size() == 1
                        && rig.appealsFrom(inMenu).size() == 1);
    }

    @Test
    @DisplayName("A second gateway started mid-call adopts the call from CoreShowChannels; the queue keeps one appeal")
    void gatewayStartedMidCallAdopts() {
        String talking = number();
        rig.call(talking, "queue", Map.of("DIGITS", "", "_HOLD", "4"))
                .toCompletableFuture()
                .join();
        await().atMost(Duration.ofSeconds(30)).until(() -> state(talking).orElse(null) == CallState.CONNECTED);
        try (TrackingRig late = new TrackingRig(lab, rig.store)) {
            late.connector.start();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> late.tracker.board().calls().stream()
                            .anyMatch(c -> talking.equals(c.callerNumber()) && c.state() == CallState.CONNECTED));
            assertThat(late.registry
                            .get("calls.reconciled")
                            .tag("action", "adopted")
                            .counter()
                            .count())
                    .isEqualTo(1);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> late.registry
                                            .get("calls.appended")
                                            .tag("result", "appended")
                                            .counter()
                                            .count()
                                    + late.registry
                                            .get("calls.appended")
                                            .tag("result", "duplicate")
                                            .counter()
                                            .count()
                            == 1);
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> rig.appealsFrom(talking).size() == 1);
        Intake appeal = rig.appealsFrom(talking).getFirst();
        assertThat(appeal.call().disposition()).isEqualTo(CallDisposition.ANSWERED);
        assertThat(appeal.call().agent()).matches("80\\d\\d");
        assertThat(appeal.call().queue()).isEqualTo("general");
    }

    private Optional<CallState> state(String caller) {
        return rig.tracker.board().calls().stream()
                .filter(c -> caller.equals(c.callerNumber()))
                .map(ActiveCall::state)
                .findFirst();
    }

    private static String number() {
        return "137" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }
}
