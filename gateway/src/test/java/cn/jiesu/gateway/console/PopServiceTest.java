package cn.jiesu.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.jiesu.callbacks.CallbackDesk;
import cn.jiesu.core.appeal.AppealStore;
import cn.jiesu.core.console.ConsoleFanout;
import cn.jiesu.core.console.ConsoleNotice;
import cn.jiesu.core.console.PopStore;
import cn.jiesu.core.console.StoredPop;
import cn.jiesu.core.intake.CallInfo;
import cn.jiesu.core.intake.Channel;
import cn.jiesu.core.intake.Citizen;
import cn.jiesu.core.intake.ContentType;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.intake.RequestType;
import cn.jiesu.core.intake.Urgency;
import cn.jiesu.testkit.InMemoryAppealStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PopServiceTest {
    private static final Instant NOW = Instant.parse("2026-11-28T06:00:00Z");
    private static final String CALLER = "13800138000";

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final InMemoryPopStore store = new InMemoryPopStore();
    private final InMemoryAppealStore appeals = new InMemoryAppealStore("12345");
    private final RecordingSink sink = new RecordingSink();
    private final List<String> endedCalls = new ArrayList<>();
    private Vertx vertx;
    private PopService pops;

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
        Context context = vertx.getOrCreateContext();
        ConsoleConfig config = ConsoleTestConfig.standard(Map.of());
        ConsoleMetrics metrics = new ConsoleMetrics(new SimpleMeterRegistry(), () -> 0);
        CallerContext callers = new CallerContext(context, config, appeals, CallbackDesk.none(), clock);
        pops = new PopService(
                context,
                config,
                store,
                callers,
                sink,
                metrics,
                clock,
                (linkedid, changed) -> endedCalls.add(linkedid),
                ConsoleFanout.none(),
                "local",
                CallNumbers.none());
        sink.online.add("8001");
        sink.online.add("8002");
    }

    @AfterEach
    void tearDown() {
        vertx.close().await();
    }

    @Test
    @DisplayName("an offer pops on the ringing agent only, with the caller's recent appeals and the repeat flag")
    void popsOnTheRingingAgentOnly() {
        append("1700000000.1", NOW.minus(Duration.ofDays(3)), "楼道灯坏了");
        append("1690000000.1", NOW.minus(Duration.ofDays(120)), "too old to show");

        pops.offered(offer("1700000100.7", "8001"));

        await().until(() -> sink.of("8001").size() == 1);
        JsonObject frame = sink.of("8001").get(0);
        assertThat(frame.getString("type")).isEqualTo("pop");
        assertThat(frame.getBoolean("replay")).isFalse();
        JsonObject pop = frame.getJsonObject("pop");
        assertThat(pop.getString("callerNumber")).isEqualTo(CALLER);
        assertThat(pop.getString("state")).isEqualTo("OFFERED");
        assertThat(pop.getJsonObject("ivr").getJsonArray("choices").getList()).containsExactly("lang:1", "menu:2");
        assertThat(pop.getJsonArray("history")).hasSize(1);
        assertThat(pop.getJsonArray("history").getJsonObject(0).getString("snippet"))
                .isEqualTo("楼道灯坏了");
        assertThat(pop.getBoolean("repeatCaller")).isTrue();
        assertThat(pop.getJsonObject("form").getString("urgency")).isEqualTo("IMMEDIATE");
        assertThat(sink.of("8002")).isEmpty();
    }

    @Test
    @DisplayName("repeated offers of one call to one agent are one pop; answering sends a state change, not a pop")
    void onePopPerCallAndAgent() {
        CallOffer offer = offer("1700000100.8", "8001");
        pops.offered(offer);
        pops.offered(offer);
        pops.connected(offer);

        await().until(() -> sink.of("8001").size() == 2);
        assertThat(sink.of("8001")).extracting(f -> f.getString("type")).containsExactly("pop", "pop-state");
        assertThat(sink.of("8001").get(1).getString("state")).isEqualTo("CONNECTED");
        assertThat(store.pending.get("8001")).hasSize(1);
    }

    @Test
    @DisplayName("answering reserves the call's 受理号: a pop-appeal frame, kept in the stored pop for replays, and "
            + "the number the tracker's appeal of the call gets; the agent is on that call until it ends")
    void answeringReservesTheAppealNumber() {
        Context context = vertx.getOrCreateContext();
        ConsoleConfig config = ConsoleTestConfig.standard(Map.of());
        PopService numbered = new PopService(
                context,
                config,
                store,
                new CallerContext(context, config, appeals, CallbackDesk.none(), clock),
                sink,
                new ConsoleMetrics(new SimpleMeterRegistry(), () -> 0),
                clock,
                (l, c) -> {},
                ConsoleFanout.none(),
                "local",
                linkedid -> io.vertx.core.Future.fromCompletionStage(
                        appeals.reserveAppealNo(linkedid, Duration.ofHours(1)), context));
        CallOffer offer = offer("1700000200.1", "8001");
        String popId = StoredPop.idOf("1700000200.1", "8001");
        numbered.offered(offer);
        await().until(() -> sink.of("8001").size() == 1);
        assertThat(store.onCall("8001").toCompletableFuture().join()).isEmpty();

        numbered.connected(offer);

        await().until(() -> sink.of("8001").size() == 3);
        assertThat(sink.of("8001"))
                .extracting(f -> f.getString("type"))
                .containsExactly("pop", "pop-state", "pop-appeal");
        JsonObject appeal = sink.of("8001").get(2).getJsonObject("appeal");
        String no = appeal.getString("no");
        assertThat(no).isNotBlank();
        assertThat(appeal.getBoolean("stored")).isFalse();
        await().until(() -> no.equals(new JsonObject(store.pops.get(popId).body())
                .getJsonObject("appeal", new JsonObject())
                .getString("no")));
        assertThat(store.onCall("8001").toCompletableFuture().join()).contains(popId);

        append("1700000200.1", NOW, null);
        assertThat(appeals.records().stream()
                        .filter(r -> "1700000200.1".equals(r.intake().channelMessageId()))
                        .map(r -> r.intake().appealNo()))
                .containsExactly(no);
        numbered.ended("1700000200.1", NOW);
        await().until(() -> store.onCall("8001").toCompletableFuture().join().isEmpty());
    }

    @Test
    @DisplayName("an unacknowledged pop is replayed to the next socket, marked ended once the call is over")
    void replaysUnacknowledgedPops() {
        sink.online.remove("8001");
        pops.offered(offer("1700000100.9", "8001"));
        await().until(() -> store.pending.containsKey("8001"));
        pops.ended("1700000100.9", NOW);
        await().until(() -> endedCalls.contains("1700000100.9"));

        List<String> replayed = new ArrayList<>();
        assertThat(pops.replay("8001", replayed::add).await()).isEqualTo(1);

        JsonObject frame = new JsonObject(replayed.get(0));
        assertThat(frame.getBoolean("replay")).isTrue();
        assertThat(frame.getJsonObject("pop").getString("state")).isEqualTo("ENDED");
    }

    @Test
    @DisplayName("an acknowledged pop is not replayed; another agent cannot acknowledge it")
    void acknowledgement() {
        pops.offered(offer("1700000101.1", "8001"));
        await().until(() -> sink.of("8001").size() == 1);
        String popId = sink.of("8001").get(0).getJsonObject("pop").getString("popId");

        assertThat(pops.ack("8002", popId).await()).isFalse();
        assertThat(pops.ack("8001", popId).await()).isTrue();
        assertThat(pops.ack("8001", popId).await()).isFalse();

        List<String> replayed = new ArrayList<>();
        assertThat(pops.replay("8001", replayed::add).await()).isZero();
    }

    @Test
    @DisplayName("a call that ended before its offer arrived (reordered events) pops as ended")
    void reorderedEnd() {
        pops.ended("1700000101.2", NOW);
        pops.offered(offer("1700000101.2", "8002"));

        await().until(() -> sink.of("8002").size() == 1);
        assertThat(sink.of("8002").get(0).getJsonObject("pop").getString("state"))
                .isEqualTo("ENDED");
    }

    @Test
    @DisplayName("the end of a call reaches every agent it was offered to")
    void endReachesEveryOfferedAgent() {
        pops.offered(offer("1700000101.3", "8001"));
        pops.offered(offer("1700000101.3", "8002"));
        await().until(() -> sink.of("8001").size() == 1 && sink.of("8002").size() == 1);

        pops.ended("1700000101.3", NOW);

        await().until(() -> sink.of("8001").size() == 2 && sink.of("8002").size() == 2);
        assertThat(sink.of("8002").get(1).getString("state")).isEqualTo("ENDED");
    }

    @Test
    @DisplayName("with two instances seeing the same events, the instance holding the agent's socket pops it")
    void twoInstances() {
        RecordingSink otherSockets = new RecordingSink();
        otherSockets.online.add("8003");
        Context context = vertx.getOrCreateContext();
        ConsoleConfig config = ConsoleTestConfig.standard(Map.of());
        PopService other = new PopService(
                context,
                config,
                store,
                new CallerContext(context, config, appeals, CallbackDesk.none(), clock),
                otherSockets,
                new ConsoleMetrics(new SimpleMeterRegistry(), () -> 0),
                clock,
                (l, c) -> {},
                ConsoleFanout.none(),
                "local",
                CallNumbers.none());
        CallOffer offer = offer("1700000101.5", "8003");

        pops.offered(offer);
        await().until(() -> store.pending.containsKey("8003"));
        other.offered(offer);
        other.connected(offer);

        await().until(() -> otherSockets.of("8003").size() == 2);
        assertThat(otherSockets.of("8003")).extracting(f -> f.getString("type")).containsExactly("pop", "pop-state");
        assertThat(store.pending.get("8003")).hasSize(1);
    }

    @Test
    @DisplayName("fan-out: an instance that saw no AMI event shows the pop once; one that saw the events too does not"
            + " show it twice")
    void fanOutShowsEachPopOnceOnEveryInstance() {
        List<PopService> wired = new ArrayList<>();
        ConsoleFanout bus = new ConsoleFanout() {
            @Override
            public void publish(ConsoleNotice notice) {
                wired.forEach(p -> p.remote(notice));
            }

            @Override
            public java.util.concurrent.CompletionStage<Void> subscribe(java.util.function.Consumer<ConsoleNotice> l) {
                return java.util.concurrent.CompletableFuture.completedStage(null);
            }

            @Override
            public void close() {}
        };
        RecordingSink seeing = new RecordingSink();
        RecordingSink blind = new RecordingSink();
        seeing.online.add("8003");
        blind.online.add("8003");
        PopService origin = instance(bus, "a", new RecordingSink());
        PopService alsoSeeing = instance(bus, "b", seeing);
        PopService notSeeing = instance(bus, "c", blind);
        wired.addAll(List.of(origin, alsoSeeing, notSeeing));
        CallOffer offer = offer("1700000101.6", "8003");

        origin.offered(offer);
        alsoSeeing.offered(offer);
        origin.connected(offer);
        alsoSeeing.connected(offer);
        await().until(() -> blind.of("8003").size() == 2 && seeing.of("8003").size() == 2);
        origin.ended("1700000101.6", NOW);
        alsoSeeing.ended("1700000101.6", NOW);
        // The end goes through the store and the dial result does not: wait, so the order asserted is defined.
        await().until(() -> blind.of("8003").size() == 3 && seeing.of("8003").size() == 3);
        notSeeing.toAgent("8003", "{\"type\":\"dial-result\"}");

        await().until(() -> blind.of("8003").size() == 4 && seeing.of("8003").size() == 4);
        assertThat(blind.of("8003"))
                .extracting(f -> f.getString("type"))
                .containsExactly("pop", "pop-state", "pop-state", "dial-result");
        assertThat(blind.of("8003").get(2).getString("state")).isEqualTo("ENDED");
        assertThat(seeing.of("8003"))
                .extracting(f -> f.getString("type"))
                .containsExactly("pop", "pop-state", "pop-state", "dial-result");
    }

    private PopService instance(ConsoleFanout bus, String name, PopSink sockets) {
        Context context = vertx.getOrCreateContext();
        ConsoleConfig config = ConsoleTestConfig.standard(Map.of());
        return new PopService(
                context,
                config,
                store,
                new CallerContext(context, config, appeals, CallbackDesk.none(), clock),
                sockets,
                new ConsoleMetrics(new SimpleMeterRegistry(), () -> 0),
                clock,
                (l, c) -> {},
                bus,
                name,
                CallNumbers.none());
    }

    @Test
    @DisplayName("a pop whose store call times out is tried again and still reaches the agent")
    void retriesWhenTheStoreIsSlow() {
        java.util.concurrent.atomic.AtomicInteger failuresLeft = new java.util.concurrent.atomic.AtomicInteger(1);
        PopStore flaky = (PopStore) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {PopStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("offer") && failuresLeft.getAndDecrement() > 0) {
                        return java.util.concurrent.CompletableFuture.failedStage(
                                new cn.jiesu.core.appeal.AppealStoreException.Timeout("redis: timed out", null));
                    }
                    return method.invoke(store, args);
                });
        Context context = vertx.getOrCreateContext();
        ConsoleConfig config = ConsoleTestConfig.standard(Map.of());
        PopService retrying = new PopService(
                context,
                config,
                flaky,
                new CallerContext(context, config, appeals, CallbackDesk.none(), clock),
                sink,
                new ConsoleMetrics(new SimpleMeterRegistry(), () -> 0),
                clock,
                (l, c) -> {},
                ConsoleFanout.none(),
                "local",
                CallNumbers.none());

        retrying.offered(offer("1700000101.4", "8001"));

        await().until(() -> sink.of("8001").size() == 1);
        assertThat(failuresLeft.get()).isNegative();
    }

    private CallOffer offer(String linkedid, String ext) {
        return new CallOffer(
                ext,
                linkedid,
                CALLER,
                "hotline-general",
                new IvrPath("zh", List.of("lang:1", "menu:2"), Urgency.IMMEDIATE, RequestType.HELP),
                NOW);
    }

    private void append(String linkedid, Instant at, String content) {
        AppealStore store = appeals;
        store.append(Intake.builder()
                .intakeId("01J" + linkedid.replace(".", ""))
                .channel(Channel.PHONE)
                .channelAccount("12345")
                .channelMessageId(linkedid)
                .receivedAt(at)
                .contentType(ContentType.CALL)
                .content(content)
                .citizen(new Citizen(null, null, null, CALLER, null, false))
                .call(new CallInfo(linkedid, linkedid, "12345", null, null, "zh", List.of(), null, 16, 60, null))
                .build());
    }
}
